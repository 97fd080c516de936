import type { SandboxConfig } from '../config.js';
import type { IndexState, IndexStore } from '../indices/index-store.js';

/**
 * Times restores: each restored index recovers its primaries from the snapshot for
 * min + docs × per-doc ms of wall time (SANDBOX_RESTORE_MIN_MS / SANDBOX_RESTORE_MS_PER_DOC), during
 * which the index is red and refuses searches, gets and writes; then its restore is `done`.
 */
export class RestoreTracker {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly config: SandboxConfig,
    private readonly indices: IndexStore,
  ) {}

  durationFor(docs: number): number {
    return this.config.restoreMinMs + docs * this.config.restoreMsPerDoc;
  }

  /** Follows the given restoring indices; settles when every one has finished (or was deleted). */
  follow(restoring: IndexState[]): Promise<void> {
    return Promise.all(restoring.map((index) => this.finishLater(index))).then(() => undefined);
  }

  /** Whether a snapshot is the source of a restore still running. */
  isRestoring(repository: string, snapshotUuid: string): boolean {
    return this.indices
      .all()
      .some(
        (i) =>
          i.restore?.state === 'running' &&
          i.restore.repository === repository &&
          i.restore.snapshotUuid === snapshotUuid,
      );
  }

  reset(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private finishLater(index: IndexState): Promise<void> {
    const restore = index.restore;
    if (!restore || restore.state !== 'running') return Promise.resolve();
    const remaining = Math.max(0, restore.startTime + restore.durationMs - Date.now());
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        const current = this.indices.get(index.name);
        // The index may have been deleted (or deleted and re-created) while it was restoring.
        if (current?.uuid === index.uuid && current.restore?.restoreUuid === restore.restoreUuid) {
          current.restore = { ...restore, state: 'done', stopTime: Date.now() };
          this.indices.save(current);
        }
        resolve();
      }, remaining);
      this.timers.add(timer);
    });
  }
}
