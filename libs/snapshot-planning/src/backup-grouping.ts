import { compareBackupIdsNewestFirst } from './backup-id.js';
import type { SnapshotComponent } from './component.js';
import { parseAnySnapshotName, type ParsedAnySnapshotName } from './snapshot-name.js';

export interface BackupGroup<T extends { name: string }> {
  backupId: bigint;
  parts: Array<T & { parsed: ParsedAnySnapshotName }>;
}

/** Groups snapshot names (with their info) by backup ID for one component, ignoring names that don't parse or belong to another component; returns backups newest ID first, parts in part order. */
export function groupSnapshotsByBackup<T extends { name: string }>(
  component: SnapshotComponent,
  snapshots: readonly T[],
): Array<{ backupId: bigint; parts: Array<T & { parsed: ParsedAnySnapshotName }> }> {
  const groups = new Map<bigint, BackupGroup<T>>();
  for (const snapshot of snapshots) {
    const parsed = parseAnySnapshotName(snapshot.name);
    if (parsed === null || parsed.component !== component) continue;
    const group = groups.get(parsed.backupId) ?? { backupId: parsed.backupId, parts: [] };
    // Object.assign, not a spread: the spread took most of the time of listing thousands of snapshots.
    group.parts.push(Object.assign({}, snapshot, { parsed }));
    groups.set(parsed.backupId, group);
  }
  const newestFirst = [...groups.values()].sort((a, b) =>
    compareBackupIdsNewestFirst(a.backupId, b.backupId),
  );
  for (const group of newestFirst) {
    group.parts.sort(
      (a, b) =>
        a.parsed.partNo - b.parsed.partNo ||
        a.parsed.partCount - b.parsed.partCount ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
  }
  return newestFirst;
}
