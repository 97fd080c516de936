import type { IndexRecovery, ShardRecovery } from './snapshot-datastore.js';

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function bytes(value: unknown): number {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : 0;
}

/**
 * One index of a `GET /{indices}/_recovery` answer (`{shards: [RecoveryState…]}`, or undefined when
 * the answer left the index out): its primary shards only, by shard number.
 */
export function toIndexRecovery(index: string, primaryShards: number, entry: unknown): IndexRecovery {
  const shards = record(entry).shards;
  const primaries: ShardRecovery[] = (Array.isArray(shards) ? shards : [])
    .map(record)
    .filter((shard) => shard.primary === true)
    .map((shard) => {
      const source = record(shard.source);
      const size = record(record(shard.index).size);
      return {
        shard: Number(shard.id),
        type: String(shard.type),
        stage: String(shard.stage),
        ...(shard.type === 'SNAPSHOT'
          ? { source: { repository: String(source.repository), snapshot: String(source.snapshot) } }
          : {}),
        totalBytes: bytes(size.total_in_bytes),
        recoveredBytes: bytes(size.recovered_in_bytes),
      };
    })
    .sort((a, b) => a.shard - b.shard);
  return { index, primaryShards, primaries };
}

/** The index name and primary shard count of one `_cat/indices?format=json` row. */
export function toPrimaryShardCount(row: unknown): { index: string; primaryShards: number } {
  const fields = record(row);
  return { index: String(fields.index), primaryShards: Number(fields.pri) };
}
