import type { BackupState, SnapshotState } from '@app/snapshot-planning';

/** One part of a backup as the component APIs show it (seed `details[]`). */
export interface PartDetail {
  snapshotName: string;
  state: SnapshotState;
  startTime: string | null;
  /** null only in a `verbose=false` list, whose cheap datastore read has no failures. */
  failures: string[] | null;
}

/** A backup as the component APIs show it, before the contract renders it. */
export interface BackupView {
  backupId: bigint;
  state: BackupState;
  failureReason: string | null;
  details: PartDetail[];
  /**
   * The earliest part start and the latest part end (Unix ms) the datastore reported, for the
   * orchestrator's catalog; the component APIs do not render them. Absent in `verbose=false` lists.
   */
  firstStartMillis?: number;
  lastEndMillis?: number;
}
