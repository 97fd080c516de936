/** A shard failure as SnapshotShardFailure renders it. */
export interface ShardFailure {
  index: string;
  index_uuid: string;
  shard_id: number;
  reason: string;
  node_id?: string;
  status: string;
}

export type SnapshotState = 'IN_PROGRESS' | 'SUCCESS' | 'PARTIAL' | 'FAILED';

export interface IndexDetails {
  shardCount: number;
  sizeInBytes: number;
}

/** Everything the sandbox knows about one snapshot (stored in the repository's index.json). */
export interface SnapshotRecord {
  name: string;
  uuid: string;
  indices: string[];
  dataStreams: string[];
  includeGlobalState: boolean;
  /** Exactly as given (LosslessNumber for big integers); absent when none was given. */
  metadata?: Record<string, unknown>;
  featureStates: Array<{ feature_name: string; indices: string[] }>;
  state: SnapshotState;
  reason: string | null;
  startTime: number;
  endTime: number;
  totalShards: number;
  successfulShards: number;
  failures: ShardFailure[];
  versionId: number;
  version: string;
  indexDetails: Record<string, IndexDetails>;
}

/** Completed state from reason and failures, as SnapshotInfo.snapshotState derives it. */
export function completedState(reason: string | null, failures: ShardFailure[]): SnapshotState {
  if (reason !== null) return 'FAILED';
  return failures.length === 0 ? 'SUCCESS' : 'PARTIAL';
}
