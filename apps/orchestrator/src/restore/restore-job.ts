import type { SnapshotComponent } from '@app/snapshot-planning';

export type RestoreComponent = SnapshotComponent | 'zeebe';

/** One snapshot to restore, in the order they run (component by component, parts in numbered order). */
export interface RestoreStep {
  component: RestoreComponent;
  repository: string;
  snapshot: string;
}

export interface RestoreJobData {
  backupId: string;
  components: RestoreComponent[];
  steps: RestoreStep[];
  /** Existing indices of the components that the restore deletes first (deleteExistingIndices: true). */
  indicesToDelete: string[];
  /** Existing indices the backup does not contain, left in place (web apps before Camunda 8.8.15). */
  keptIndices?: string[];
  acceptedAt: number;
}

/** A restored snapshot: its indices, all present afterwards, and their documents. */
export interface RestoredStep {
  snapshot: string;
  indices: string[];
  documents: number;
}

/** A restore as GET /api/v1/restores/{id} (and each entry of GET /api/v1/restores) shows it. */
export interface RestoreView {
  backupId: bigint;
  state: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  failureReason: string | null;
  components: RestoreComponent[];
  deletedIndices: number;
  acceptedAt: string;
  /** When a worker first took the job. */
  startedAt: string | null;
  finishedAt: string | null;
  steps: Array<{
    component: RestoreComponent;
    snapshot: string;
    state: 'PENDING' | 'RESTORING' | 'RESTORED' | 'FAILED';
    indices: number | null;
    documents: number | null;
  }>;
}

/**
 * The job's progress, saved in Redis before each change in the datastore so that a restore resumed
 * after a crash knows what it did: see RestoreRunner.
 */
export interface RestoreProgress {
  deletedIndices: number;
  /** The existing indices are gone: a resumed restore never deletes again (it would delete restored ones). */
  existingDeleted?: boolean;
  restored: RestoredStep[];
  /** The snapshot being restored: its `_restore` may have been sent. */
  current?: string;
}

/**
 * The progress saved by an earlier run of the job, or a fresh one (BullMQ's progress starts as 0).
 * Saved progress that cannot be read stops the restore: starting over could delete restored indices.
 */
export function savedRestoreProgress(raw: unknown): RestoreProgress {
  if (raw === 0 || raw === undefined || raw === null) return { deletedIndices: 0, restored: [] };
  const saved = (typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const restored = saved.restored;
  const valid =
    typeof saved.deletedIndices === 'number' &&
    (saved.existingDeleted === undefined || typeof saved.existingDeleted === 'boolean') &&
    (saved.current === undefined || typeof saved.current === 'string') &&
    Array.isArray(restored) &&
    restored.every((step: Record<string, unknown>) => {
      return (
        typeof step?.snapshot === 'string' &&
        Array.isArray(step.indices) &&
        typeof step.documents === 'number'
      );
    });
  if (!valid) throw new Error(`the saved progress of the restore is unreadable: ${JSON.stringify(raw)}`);
  return {
    deletedIndices: saved.deletedIndices as number,
    ...(saved.existingDeleted === undefined ? {} : { existingDeleted: saved.existingDeleted as boolean }),
    restored: restored as RestoredStep[],
    ...(saved.current === undefined ? {} : { current: saved.current as string }),
  };
}
