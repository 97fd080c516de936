import type { ComponentName } from '@app/snapshot-planning';

export type RestoreComponent = ComponentName | 'zeebe';

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

export interface RestoreProgress {
  deletedIndices: number;
  restored: RestoredStep[];
  current?: string;
}

/** One restore per backup ID at a time; a finished one is replaced by the next request. */
export function restoreJobId(backupId: bigint | string): string {
  return `restore-${backupId}`;
}
