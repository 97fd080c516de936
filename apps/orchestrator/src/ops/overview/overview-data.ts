import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import type { FreshnessVerdict } from '../health/backup-freshness.js';

/** A backup schedule as `GET /api/v1/schedules` describes it. */
export interface OverviewSchedule {
  name: string;
  cron: string;
  timeZone: string;
  /** ISO-8601; null when the scheduler has no next run. */
  nextRunAt: string | null;
  retention: { count: number | null; maxAgeMs: number | null };
  lastRun: { at: string; outcome: string; backupId: string | null; reason: string | null } | null;
}

/** What the overview page shows, read in one go (OverviewSource). */
export interface OverviewData {
  /** When it was read: ages on the page are relative to this. */
  nowMs: number;
  /** The newest backups of the catalog, newest first. */
  entries: CatalogEntry[];
  /** Whether older backups exist beyond `entries`. */
  moreEntries: boolean;
  schedules: OverviewSchedule[];
  /** Components in the order the page lists them (the enabled ones, then Zeebe when coordinated). */
  components: string[];
  /** BACKUP_FRESHNESS_MAX_AGE verdicts per component (health's view); null when freshness is off. */
  freshness: { maxAgeMs: number; byComponent: Record<string, FreshnessVerdict> } | null;
}
