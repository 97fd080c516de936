import { type SnapshotComponent, isSnapshotComponent, parseBackupIdText } from '@app/snapshot-planning';

/** What a backup job carries in Redis. `backupId` is a digit string: job data is JSON, bigint is not. */
export interface BackupJobData {
  component: SnapshotComponent;
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

/** Deterministic: one job per component and backup ID (BullMQ ignores a second add with the same ID). */
export function backupJobId(component: SnapshotComponent, backupId: bigint): string {
  return `backup-${component}-${backupId}`;
}

/** Job data read back from Redis, checked field by field (throws naming the first bad field). */
function fail(field: string): never {
  throw new Error(`${field} is missing or invalid`);
}

export function parseBackupJobData(raw: unknown): BackupJobData {
  const data = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (!isSnapshotComponent(data.component)) fail('component');
  if (typeof data.backupId !== 'string' || !parseBackupIdText(data.backupId).ok) fail('backupId');
  if (typeof data.version !== 'string') fail('version');
  if (!Number.isInteger(data.partCount) || (data.partCount as number) < 1) fail('partCount');
  if (typeof data.repository !== 'string' || data.repository === '') fail('repository');
  if (typeof data.acceptanceToken !== 'string') fail('acceptanceToken');
  if (typeof data.acceptedAt !== 'number') fail('acceptedAt');
  if (
    data.plan !== undefined &&
    (!Array.isArray(data.plan) ||
      data.plan.length !== data.partCount ||
      !data.plan.every((part) => Array.isArray(part) && part.every((name) => typeof name === 'string')))
  ) {
    fail('plan');
  }
  return data as unknown as BackupJobData;
}
