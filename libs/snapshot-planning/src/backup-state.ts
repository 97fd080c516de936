/** A snapshot's state as Elasticsearch/OpenSearch report it (the datastore library uses this type too). */
export type SnapshotState = 'IN_PROGRESS' | 'SUCCESS' | 'FAILED' | 'PARTIAL' | 'INCOMPATIBLE';

export type BackupState = 'COMPLETED' | 'IN_PROGRESS' | 'FAILED' | 'INCOMPATIBLE' | 'INCOMPLETE';

export interface PartSnapshot {
  name: string;
  partNo: number;
  partCount: number;
  state: SnapshotState;
  startTimeMillis?: number;
  reason?: string;
  failures: string[];
}

export interface DerivedBackupState {
  state: BackupState;
  failureReason: string | null;
}

/** At most this many shard failures are quoted per snapshot in a failureReason. */
export const MAX_QUOTED_SHARD_FAILURES = 3;

/**
 * Contract §4 / facts §5.2, first matching rule wins: any FAILED or PARTIAL part → FAILED; any
 * INCOMPATIBLE → INCOMPATIBLE; exactly expectedParts parts all SUCCESS → COMPLETED; any IN_PROGRESS or
 * `pending` → IN_PROGRESS; fewer parts than expected → INCOMPLETE; more than expected → FAILED.
 * `pending`: the daemon still has work queued or running for this backup (queued, between parts, or a part running).
 */
export function deriveBackupState(input: {
  expectedParts: number;
  parts: readonly PartSnapshot[];
  pending: boolean;
}): DerivedBackupState {
  const { expectedParts, parts, pending } = input;
  const failedParts = parts.filter((part) => part.state === 'FAILED' || part.state === 'PARTIAL');
  if (failedParts.length > 0) {
    return { state: 'FAILED', failureReason: describeFailedParts(failedParts) };
  }
  if (parts.some((part) => part.state === 'INCOMPATIBLE')) {
    return { state: 'INCOMPATIBLE', failureReason: null };
  }
  if (parts.length === expectedParts && parts.every((part) => part.state === 'SUCCESS')) {
    return { state: 'COMPLETED', failureReason: null };
  }
  if (pending || parts.some((part) => part.state === 'IN_PROGRESS')) {
    return { state: 'IN_PROGRESS', failureReason: null };
  }
  if (parts.length < expectedParts) {
    return { state: 'INCOMPLETE', failureReason: null };
  }
  return {
    state: 'FAILED',
    failureReason: `More snapshots found than expected: found ${parts.length}, expected ${expectedParts} (${sortedByPart(
      parts,
    )
      .map((part) => part.name)
      .join(', ')})`,
  };
}

/** `Snapshot <name> is FAILED: <reason>; Snapshot <name> is PARTIAL: <reason> (shard failures: a | b)`, in part order. */
function describeFailedParts(failedParts: readonly PartSnapshot[]): string {
  return sortedByPart(failedParts)
    .map((part) => `Snapshot ${part.name} is ${part.state}${describeCause(part)}`)
    .join('; ');
}

function describeCause(part: PartSnapshot): string {
  const reason = part.reason?.trim() ?? '';
  const failures = part.failures.map((failure) => failure.trim()).filter((failure) => failure !== '');
  let shardFailures = '';
  if (failures.length > 0) {
    const quoted = failures.slice(0, MAX_QUOTED_SHARD_FAILURES).join(' | ');
    const more = failures.length - MAX_QUOTED_SHARD_FAILURES;
    shardFailures = `shard failures: ${quoted}${more > 0 ? ` | and ${more} more` : ''}`;
  }
  if (reason !== '' && shardFailures !== '') return `: ${reason} (${shardFailures})`;
  if (reason !== '') return `: ${reason}`;
  if (shardFailures !== '') return `: ${shardFailures}`;
  return ' (no reason reported)';
}

function sortedByPart<T extends PartSnapshot>(parts: readonly T[]): T[] {
  return [...parts].sort((a, b) => a.partNo - b.partNo || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
