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
  acceptedAt: number;
}

/** A restored snapshot: its indices, all present afterwards, and their documents. */
export interface RestoredStep {
  snapshot: string;
  indices: string[];
  documents: number;
}

/** A restore as GET /api/v1/restores/{id} shows it. */
export interface RestoreView {
  backupId: bigint;
  state: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  failureReason: string | null;
  components: RestoreComponent[];
  deletedIndices: number;
  acceptedAt: string;
  finishedAt: string | null;
  steps: Array<{
    component: RestoreComponent;
    snapshot: string;
    state: 'PENDING' | 'RESTORING' | 'RESTORED' | 'FAILED';
    indices: number | null;
    documents: number | null;
  }>;
}

export interface RestoreProgress {
  deletedIndices: number;
  restored: RestoredStep[];
  current?: string;
}
