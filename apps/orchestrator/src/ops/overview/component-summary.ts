import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import type { FreshnessVerdict } from '../health/backup-freshness.js';
import type { OverviewData } from './overview-data.js';

/** States the page shows as failed (red): the backup cannot be restored as a whole. */
export const FAILED_STATES: ReadonlySet<string> = new Set(['FAILED', 'INCOMPLETE', 'INCOMPATIBLE']);

export interface ComponentSummary {
  name: string;
  /** The newest backup in which this component COMPLETED. */
  lastGood: { backupId: string; finishedAt: string | null } | null;
  /** The newest backup in which this component failed, with why. */
  newestFailure: { backupId: string; state: string; finishedAt: string | null; reason: string } | null;
  freshness: FreshnessVerdict | null;
}

/** Per component, from the newest backups (entries come newest first). */
export function summarizeComponents(data: OverviewData): ComponentSummary[] {
  return data.components.map((name) => ({
    name,
    lastGood: lastGood(data.entries, name),
    newestFailure: newestFailure(data.entries, name),
    freshness: data.freshness?.byComponent[name] ?? null,
  }));
}

function lastGood(entries: readonly CatalogEntry[], name: string): ComponentSummary['lastGood'] {
  for (const entry of entries) {
    const component = entry.components[name];
    if (component?.state === 'COMPLETED') {
      return { backupId: entry.backupId.toString(), finishedAt: component.finishedAt ?? entry.finishedAt };
    }
  }
  return null;
}

function newestFailure(entries: readonly CatalogEntry[], name: string): ComponentSummary['newestFailure'] {
  for (const entry of entries) {
    const component = entry.components[name];
    if (component && FAILED_STATES.has(component.state)) {
      return {
        backupId: entry.backupId.toString(),
        state: component.state,
        finishedAt: component.finishedAt ?? entry.finishedAt,
        reason: component.failureReason ?? entry.failureReason ?? component.state,
      };
    }
  }
  return null;
}
