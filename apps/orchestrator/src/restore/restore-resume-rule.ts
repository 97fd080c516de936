import type { IndexRecovery } from '@app/datastore';
import type { RestoreStep } from './restore-job.js';

/** What to do with one snapshot, given the recovery of its indices. */
export type RestoreDecision =
  { action: 'start' } | { action: 'follow' } | { action: 'refuse'; reason: string };

/** Every primary of the index that has a recovery recovers from this snapshot (and at least one does). */
function restoredFrom(recovery: IndexRecovery, step: RestoreStep): boolean {
  return (
    recovery.primaries.length > 0 &&
    recovery.primaries.every(
      (shard) =>
        shard.type === 'SNAPSHOT' &&
        shard.source?.repository === step.repository &&
        shard.source.snapshot === step.snapshot,
    )
  );
}

function describe(recovery: IndexRecovery): string {
  const other = recovery.primaries.find((shard) => shard.type === 'SNAPSHOT' && shard.source);
  if (other?.source) return `restored from ${other.source.repository}:${other.source.snapshot}`;
  return `recovered from ${[...new Set(recovery.primaries.map((shard) => shard.type))].join('/')}`;
}

function shown(names: string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}

/**
 * The resume rule: a snapshot is restored at most once. None of its indices exists: start its
 * restore. Every one exists and recovers (or recovered) from this very snapshot: it was started
 * already (by an earlier run of this job killed mid-restore, or an attempt whose answer was lost)
 * and is followed. An index without any assigned primary counts as started only when this job may
 * have sent the restore (`mayHaveStarted`: the datastore creates the indices before it assigns
 * their primaries). Anything else — some indices missing, an index created empty or restored from
 * another snapshot — is refused: restoring over it is impossible, and following it would report
 * data that did not come from the backup.
 */
export function decideRestore(
  step: RestoreStep,
  snapshotIndices: readonly string[],
  recoveries: readonly IndexRecovery[],
  mayHaveStarted: boolean,
): RestoreDecision {
  const byIndex = new Map(recoveries.map((recovery) => [recovery.index, recovery]));
  const present = snapshotIndices.filter((index) => byIndex.has(index));
  if (present.length === 0) return { action: 'start' };
  const problems: string[] = [];
  const missing = snapshotIndices.filter((index) => !byIndex.has(index));
  if (missing.length > 0) problems.push(`${shown(missing)} missing while ${shown(present)} exist`);
  for (const index of present) {
    const recovery = byIndex.get(index)!;
    if (restoredFrom(recovery, step)) continue;
    if (recovery.primaries.length === 0) {
      if (!mayHaveStarted) problems.push(`${index} exists without an assigned primary shard`);
      continue;
    }
    problems.push(`${index} exists, ${describe(recovery)}`);
  }
  if (problems.length === 0) return { action: 'follow' };
  return {
    action: 'refuse',
    reason: `Cannot restore ${step.snapshot}: ${problems.join('; ')}. Delete these indices and restore again with deleteExistingIndices: true`,
  };
}

/** Where a followed restore of one snapshot stands. */
export interface FollowedRestore {
  /** Every primary of every index is assigned and DONE. */
  done: boolean;
  /** Why following cannot go on (an index deleted or replaced meanwhile). */
  problem?: string;
  recoveredBytes: number;
  totalBytes: number;
}

/** One read of a restore being followed: done once every primary shard of every index is DONE. */
export function followedRestore(
  step: RestoreStep,
  snapshotIndices: readonly string[],
  recoveries: readonly IndexRecovery[],
): FollowedRestore {
  const byIndex = new Map(recoveries.map((recovery) => [recovery.index, recovery]));
  let done = true;
  let recoveredBytes = 0;
  let totalBytes = 0;
  const gone: string[] = [];
  const replaced: string[] = [];
  for (const index of snapshotIndices) {
    const recovery = byIndex.get(index);
    if (!recovery) {
      gone.push(index);
      continue;
    }
    if (recovery.primaries.length > 0 && !restoredFrom(recovery, step)) replaced.push(index);
    for (const shard of recovery.primaries) {
      recoveredBytes += shard.recoveredBytes;
      totalBytes += shard.totalBytes;
    }
    done &&=
      recovery.primaries.length >= recovery.primaryShards &&
      recovery.primaries.every((shard) => shard.stage === 'DONE');
  }
  const problems = [
    ...(gone.length > 0 ? [`${shown(gone)} disappeared (deleted?)`] : []),
    ...(replaced.length > 0 ? [`${shown(replaced)} no longer recover from this snapshot (replaced?)`] : []),
  ];
  return {
    done: done && problems.length === 0,
    ...(problems.length > 0
      ? { problem: `While ${step.snapshot} was being restored, ${problems.join('; ')}` }
      : {}),
    recoveredBytes,
    totalBytes,
  };
}
