import type {
  SnapshotMetadata,
  SnapshotShardFailure,
  SnapshotState,
  SnapshotSummary,
} from './snapshot-datastore.js';

const STATES: readonly string[] = ['IN_PROGRESS', 'SUCCESS', 'FAILED', 'PARTIAL', 'INCOMPATIBLE'];

/** One entry of `GET _snapshot/{repo}/{names}` → `snapshots[]`, as either flavour sends it. */
export function toSnapshotSummary(raw: unknown): SnapshotSummary {
  const info = asRecord(raw);
  const state = String(info.state ?? '');
  return {
    name: String(info.snapshot),
    uuid: optionalString(info.uuid),
    // Only a snapshot still running can lack a state (non-verbose listings of the cluster state).
    state: (STATES.includes(state) ? state : 'IN_PROGRESS') as SnapshotState,
    indices: Array.isArray(info.indices) ? info.indices.map(String) : undefined,
    startTimeMillis: millis(info.start_time_in_millis),
    endTimeMillis: millis(info.end_time_in_millis),
    reason: optionalString(info.reason),
    failures: Array.isArray(info.failures) ? info.failures.map(toShardFailure) : [],
    metadata: isRecord(info.metadata) ? (info.metadata as SnapshotMetadata) : undefined,
  };
}

function toShardFailure(raw: unknown): SnapshotShardFailure {
  const failure = asRecord(raw);
  return {
    index: optionalString(failure.index),
    shardId: typeof failure.shard_id === 'number' ? failure.shard_id : undefined,
    reason: String(failure.reason ?? 'unknown'),
    status: optionalString(failure.status),
    nodeId: optionalString(failure.node_id),
  };
}

/** Epoch millis; 0 (a running snapshot's end time) means "not known yet". */
function millis(value: unknown): number | undefined {
  const number = typeof value === 'bigint' ? Number(value) : value;
  return typeof number === 'number' && number > 0 ? number : undefined;
}

function optionalString(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
