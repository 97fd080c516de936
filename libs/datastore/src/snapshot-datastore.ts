import type { SnapshotState } from '@app/snapshot-planning';

/**
 * What the product needs from Elasticsearch 8 / OpenSearch 2, and nothing more.
 * Adapters (`elasticsearch/`, `opensearch/`) translate this to the wire and map every client error
 * to a `DatastoreError` (see datastore-error.ts). Nothing outside this library imports a client.
 */

export type DatastoreFlavor = 'elasticsearch' | 'opensearch';

/** A snapshot's state as the datastore reports it (GET _snapshot): declared once, in snapshot-planning. */
export type { SnapshotState };

/** Metadata attached to every part. `backupId` is kept exact as a bigint (it is a JSON number on the wire). */
export interface SnapshotMetadata {
  [key: string]: unknown;
}

export interface SnapshotShardFailure {
  index?: string;
  shardId?: number;
  reason: string;
  status?: string;
  nodeId?: string;
}

export interface SnapshotSummary {
  name: string;
  uuid?: string;
  state: SnapshotState;
  /** Indices in the snapshot (absent when the datastore omitted them). */
  indices?: string[];
  /** Epoch millis; undefined when the listing was not verbose. */
  startTimeMillis?: number;
  endTimeMillis?: number;
  /** Reason of a FAILED snapshot. */
  reason?: string;
  failures: SnapshotShardFailure[];
  metadata?: SnapshotMetadata;
}

/** How much of each snapshot a listing returns. */
export interface SnapshotListingOptions {
  /**
   * false: the cheap listing, read from the repository index alone (one read on a blob store):
   * names, uuids, indices and states; no times, reasons or failures. A running snapshot, and one
   * whose state the index does not record, comes back IN_PROGRESS.
   */
  verbose?: boolean;
  /**
   * Only what a backup's state needs: name, uuid, state, start and end times, reason and the
   * failures' reasons (with `verbose: false`: name, uuid and state). The datastore then sends far
   * less (`filter_path`); indices and metadata stay undefined, failures carry only their reason.
   */
  stateOnly?: boolean;
}

export interface CreateSnapshotRequest {
  repository: string;
  snapshot: string;
  /** Never empty: the adapter refuses an empty list (it would snapshot the whole cluster). */
  indices: string[];
  includeGlobalState: boolean;
  /** Sent as `feature_states` on Elasticsearch only (OpenSearch 2 has none). */
  featureStates?: string[];
  metadata?: SnapshotMetadata;
  partial?: boolean;
}

export interface RestoreSnapshotRequest {
  repository: string;
  snapshot: string;
  indices?: string[];
  includeGlobalState?: boolean;
  waitForCompletion?: boolean;
}

export interface DatastoreInfo {
  flavor: DatastoreFlavor;
  version: string;
  clusterName?: string;
}

export interface IndexSummary {
  name: string;
  /** Document count as reported by _cat/indices; undefined when unknown (closed index). */
  docsCount?: number;
}

/** One primary shard's recovery, as `GET /{index}/_recovery` reports it (RecoveryState). */
export interface ShardRecovery {
  shard: number;
  /** SNAPSHOT (a restore), EMPTY_STORE (a new index), EXISTING_STORE (a restart), PEER, LOCAL_SHARDS. */
  type: string;
  /** INIT, INDEX, VERIFY_INDEX, TRANSLOG, FINALIZE, then DONE. */
  stage: string;
  /** Where a SNAPSHOT recovery reads from. */
  source?: { repository: string; snapshot: string };
  /** Bytes to copy (0 until the files are known) and copied so far. */
  totalBytes: number;
  recoveredBytes: number;
}

/** The recoveries of one existing index's primary shards. */
export interface IndexRecovery {
  index: string;
  /** The index's number of primary shards (`pri` of _cat/indices). */
  primaryShards: number;
  /**
   * Primaries with a recovery, by shard number. Fewer than `primaryShards` while some are not
   * assigned yet (a restore throttled or waiting for allocation, or one a restart lost).
   */
  primaries: ShardRecovery[];
}

export interface SnapshotDatastore {
  readonly flavor: DatastoreFlavor;

  /** GET / : version and distribution. */
  info(): Promise<DatastoreInfo>;

  /** GET /_cluster/health status ('green' | 'yellow' | 'red'). */
  clusterHealth(): Promise<string>;

  /** Concrete indices matching the patterns (hidden included); [] when nothing matches. */
  listIndices(patterns: string[]): Promise<IndexSummary[]>;

  /** Throws DatastoreError kind 'repository_missing' when it does not exist. */
  assertRepositoryExists(repository: string): Promise<void>;

  /** PUT /_snapshot/{repo}/{snapshot}?wait_for_completion=false. Duplicate name → kind 'duplicate_snapshot'. */
  createSnapshot(request: CreateSnapshotRequest): Promise<void>;

  /**
   * GET /_snapshot/{repo}/{patterns}. Names and patterns must already be validated by the caller.
   * A pattern or name that matches nothing yields [] (both ES ≥ 8.16's 200-empty and the older/OpenSearch
   * 404 snapshot_missing_exception). See `SnapshotListingOptions` for the cheaper listings.
   */
  getSnapshots(
    repository: string,
    patterns: string[],
    options?: SnapshotListingOptions,
  ): Promise<SnapshotSummary[]>;

  /**
   * GET /_snapshot/{repo}/{names}/_status?ignore_unavailable=true for exact names: each existing
   * snapshot's total size in bytes (`stats.total.size_in_bytes`); missing ones are left out. On a
   * blob-store repository this reads every shard's metadata: ask only for the snapshots shown.
   */
  snapshotSizes(repository: string, names: string[]): Promise<Map<string, number>>;

  /** DELETE /_snapshot/{repo}/{names}: exact names only; missing ones are ignored. Aborts running ones. */
  deleteSnapshots(repository: string, names: string[]): Promise<void>;

  /** POST /_snapshot/{repo}/{snapshot}/_restore. */
  restoreSnapshot(request: RestoreSnapshotRequest): Promise<void>;

  /**
   * GET /_cat/indices/{indices} and /{indices}/_recovery for exact names: the primary shards'
   * recoveries of each index that exists, sorted by name; indices that do not exist are left out.
   * Replicas are not reported.
   */
  getRecovery(indices: string[]): Promise<IndexRecovery[]>;

  /** DELETE /{indices} (exact names). */
  deleteIndices(names: string[]): Promise<void>;

  /** GET /{index}/_count for exact names, summed. */
  countDocuments(indices: string[]): Promise<number>;

  close(): Promise<void>;
}
