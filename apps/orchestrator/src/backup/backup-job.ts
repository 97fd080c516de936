import type { ComponentName } from '@app/snapshot-planning';

/** What a backup job carries in Redis. `backupId` is a digit string: job data is JSON, bigint is not. */
export interface BackupJobData {
  component: ComponentName;
  backupId: string;
  version: string;
  partCount: number;
  repository: string;
  /** Unique per accepted create request: tells this job apart from an earlier one with the same ID. */
  acceptanceToken: string;
  acceptedAt: number;
  /** The index lists of every part, fixed when the job first runs so a resumed job follows the same plan. */
  plan?: string[][];
}

export const BACKUP_JOB_NAME = 'backup';

export function backupQueueName(component: ComponentName): string {
  return `backup-${component}`;
}

/** Deterministic: one job per component and backup ID (BullMQ ignores a second add with the same ID). */
export function backupJobId(component: ComponentName, backupId: bigint): string {
  return `backup-${component}-${backupId}`;
}
