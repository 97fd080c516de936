import { Inject, Injectable, Logger } from '@nestjs/common';
import { BackupInventory } from '../../catalog/backup-inventory.service.js';
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { MAX_PAGE_SIZE } from '../../catalog/catalog-query.js';
import {
  type BackupSubject,
  foldOutcomeUpdates,
  type Outcome,
  type OutcomeUpdate,
  outcomeUpdate,
} from './outcome-record.js';
import { OutcomeStore } from './outcome-store.js';

/** What the catalog says one backup of a subject ended as, when it ended. */
interface EndedBackup {
  outcome: Outcome;
  finishedAtMs: number;
  durationMs: number | undefined;
}

/**
 * Rebuilds a subject's outcome record from the catalog (the datastore's truth) when Redis has none
 * (a new Redis, a flushed one, a new QUEUE_PREFIX): the last success and failure, the consecutive
 * failures and the duration histogram of the newest MAX_PAGE_SIZE backups come back, not zeros.
 * Asked once per subject and process, in the background of the first scrape that finds no record.
 */
@Injectable()
export class OutcomeSeeding {
  private readonly logger = new Logger('Metrics');
  private readonly asked = new Set<BackupSubject>();
  private readonly startedAtMs = Date.now();

  constructor(
    @Inject(BackupInventory) private readonly inventory: BackupInventory,
    @Inject(OutcomeStore) private readonly store: OutcomeStore,
  ) {}

  /** Starts rebuilding the subjects' records (each at most once per process); never throws. */
  seedInBackground(subjects: readonly BackupSubject[]): void {
    for (const subject of subjects) {
      if (this.asked.has(subject)) continue;
      this.asked.add(subject);
      this.seed(subject).catch((error: Error) => {
        this.logger.warn(
          `Could not rebuild the ${subject} outcome record from the catalog: ${error.message}`,
        );
      });
    }
  }

  async seed(subject: BackupSubject): Promise<void> {
    const page = await this.inventory.list(
      subject === 'coordinated' ? { limit: MAX_PAGE_SIZE } : { component: subject, limit: MAX_PAGE_SIZE },
    );
    // Backups that end from now on are recorded as they end (OutcomeMetrics): leave them out.
    const ended = page.backups
      .flatMap((entry) => endedAs(subject, entry))
      .filter((backup) => backup.finishedAtMs < this.startedAtMs)
      .sort((a, b) => a.finishedAtMs - b.finishedAtMs);
    const updates: OutcomeUpdate[] = ended.map((e) => outcomeUpdate(e.outcome, e.finishedAtMs, e.durationMs));
    if (updates.length === 0) return;
    if (await this.store.seed(subject, foldOutcomeUpdates(updates))) {
      this.logger.log(`Rebuilt the ${subject} outcome record from the catalog (${updates.length} backups)`);
    }
  }
}

function endedAs(subject: BackupSubject, entry: CatalogEntry): EndedBackup[] {
  if (subject === 'coordinated') {
    if (entry.kind !== 'coordinated') return [];
    return endedIn(entry.state, entry.finishedAt ?? entry.startedAt, entry.durationMs);
  }
  const component = entry.components[subject];
  if (!component) return [];
  const finished = component.finishedAt ?? component.startedAt;
  const durationMs =
    component.finishedAt && component.startedAt
      ? Date.parse(component.finishedAt) - Date.parse(component.startedAt)
      : null;
  return endedIn(component.state, finished, durationMs);
}

function endedIn(state: string, at: string | null, durationMs: number | null): EndedBackup[] {
  if (at === null || state === 'IN_PROGRESS' || state === 'PENDING' || state === 'SKIPPED') return [];
  return [
    {
      outcome: state === 'COMPLETED' ? 'COMPLETED' : 'FAILED',
      finishedAtMs: Date.parse(at),
      durationMs: durationMs ?? undefined,
    },
  ];
}
