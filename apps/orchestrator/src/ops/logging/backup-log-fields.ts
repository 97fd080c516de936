import { parseAnySnapshotName } from '@app/snapshot-planning';

export interface BackupLogFields {
  component: string;
  backupId: string;
  partNo: number;
  partCount: number;
  snapshot: string;
}

const SNAPSHOT_NAME_IN_TEXT = /camunda_[a-z]+_\d+_\S+?_part_\d+_of_\d+/;

/**
 * Backup fields for a log line that names a snapshot part in its text (for instance a retry inside
 * the backup runner), so such lines can be found by backup ID like the others.
 */
export function backupLogFieldsOf(message: string): BackupLogFields | undefined {
  const match = SNAPSHOT_NAME_IN_TEXT.exec(message);
  const parsed = match ? parseAnySnapshotName(match[0]) : null;
  if (!parsed || !match) return undefined;
  return {
    component: parsed.component,
    backupId: parsed.backupId.toString(),
    partNo: parsed.partNo,
    partCount: parsed.partCount,
    snapshot: match[0],
  };
}
