import { Inject, Injectable } from '@nestjs/common';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { BackupInventory } from '../../catalog/backup-inventory.service.js';
import { ORCHESTRATOR_CONFIG } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { CoordinatedBackupSchedule } from '../../schedule/backup-schedule.service.js';
import type { FreshnessVerdict } from '../health/backup-freshness.js';
import { BackupFreshness } from '../health/backup-freshness.service.js';
import type { OverviewData } from './overview-data.js';

/** How many of the newest backups the page reads (history table, trends, per-component summary). */
export const OVERVIEW_BACKUPS = 100;

/**
 * Reads everything the overview page shows: the catalog's newest backups (BackupInventory), the
 * schedules with next and last run (CoordinatedBackupSchedule, as `GET /api/v1/schedules`) and the
 * freshness verdicts health reports. Datastore down → 502, Redis down → 503, as for the API.
 */
@Injectable()
export class OverviewSource {
  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(BackupInventory) private readonly inventory: BackupInventory,
    @Inject(BackupFreshness) private readonly freshness: BackupFreshness,
    @Inject(CoordinatedBackupSchedule) private readonly schedule: CoordinatedBackupSchedule,
  ) {}

  async read(): Promise<OverviewData> {
    const nowMs = Date.now();
    const [page, schedules, freshness] = await Promise.all([
      this.inventory.list({ limit: OVERVIEW_BACKUPS }),
      this.schedule.list(),
      this.freshnessVerdicts(),
    ]);
    return {
      nowMs,
      entries: page.backups,
      moreEntries: page.nextBefore !== null,
      schedules,
      components: this.components(page.backups.flatMap((entry) => Object.keys(entry.components))),
      freshness,
    };
  }

  /** The enabled components, Zeebe when coordinated backups include it, then any other the backups name. */
  private components(named: readonly string[]): string[] {
    const listed = SNAPSHOT_COMPONENTS.filter((name) => this.config.components[name].enabled) as string[];
    if (this.config.coordination.zeebeManagementUrl) listed.push('zeebe');
    return [...new Set([...listed, ...named])];
  }

  private async freshnessVerdicts(): Promise<OverviewData['freshness']> {
    const maxAgeMs = this.freshness.maxAgeMs;
    if (maxAgeMs === undefined) return null;
    const byComponent: Record<string, FreshnessVerdict> = {};
    for (const name of SNAPSHOT_COMPONENTS) {
      if (this.config.components[name].enabled && this.freshness.applies(name)) {
        byComponent[name] = await this.freshness.judge(name);
      }
    }
    return { maxAgeMs, byComponent };
  }
}
