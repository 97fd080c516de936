import type { Flavor } from '../config.js';
import { humanBytes, humanDuration, isoMillis } from '../common/dates.js';
import type { SnapshotRecord } from './snapshot-record.js';

export interface RenderOptions {
  flavor: Flavor;
  repository: string;
  verbose: boolean;
  includeRepository: boolean;
  indexNames: boolean;
  indexDetails: boolean;
  human: boolean;
}

export const DEFAULT_RENDER: Omit<RenderOptions, 'flavor' | 'repository'> = {
  verbose: true,
  includeRepository: true,
  indexNames: true,
  indexDetails: false,
  human: false,
};

/**
 * SnapshotInfo as `toXContentExternal` writes it, field order and presence rules included
 * (facts §2.3): verbose=false keeps only name, uuid, repository, indices, data_streams and state;
 * OpenSearch has no repository/feature_states/index_details and adds remote_store_index_shallow_copy.
 */
export function renderSnapshotInfo(record: SnapshotRecord, options: RenderOptions): Record<string, unknown> {
  const es = options.flavor === 'elasticsearch';
  const out: Record<string, unknown> = { snapshot: record.name, uuid: record.uuid };
  if (es && options.includeRepository) out.repository = options.repository;
  if (options.verbose) {
    out.version_id = record.versionId;
    out.version = record.version;
    if (!es) out.remote_store_index_shallow_copy = false;
  }
  if (options.indexNames || !es) out.indices = options.verbose ? record.indices : [...record.indices].sort();
  if (es && options.verbose && options.indexDetails && Object.keys(record.indexDetails).length > 0) {
    out.index_details = Object.fromEntries(
      Object.entries(record.indexDetails).map(([name, d]) => [
        name,
        {
          shard_count: d.shardCount,
          ...(options.human ? { size: humanBytes(d.sizeInBytes) } : {}),
          size_in_bytes: d.sizeInBytes,
          max_segments_per_shard: 1,
        },
      ]),
    );
  }
  out.data_streams = record.dataStreams;
  if (!options.verbose) {
    out.state = record.state;
    return out;
  }
  out.include_global_state = record.includeGlobalState;
  if (record.metadata !== undefined) out.metadata = record.metadata;
  out.state = record.state;
  if (record.reason !== null) out.reason = record.reason;
  const duration = Math.max(0, record.endTime - record.startTime);
  out.start_time = isoMillis(record.startTime);
  out.start_time_in_millis = record.startTime;
  out.end_time = isoMillis(record.endTime);
  out.end_time_in_millis = record.endTime;
  if (options.human) out.duration = humanDuration(record.state === 'IN_PROGRESS' ? 0 : duration);
  out.duration_in_millis = record.state === 'IN_PROGRESS' ? 0 : duration;
  out.failures = record.failures;
  out.shards = {
    total: record.totalShards,
    failed: record.totalShards - record.successfulShards,
    successful: record.successfulShards,
  };
  if (es) out.feature_states = record.featureStates;
  return out;
}
