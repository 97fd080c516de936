import type { SnapshotRecord } from './snapshot-record.js';

interface ShardStats {
  initializing: number;
  started: number;
  finalizing: number;
  done: number;
  failed: number;
  total: number;
}

/**
 * One entry of the snapshot status API (facts §2.6): state is STARTED while running, and
 * completed snapshots read as SUCCESS (PARTIAL included) or FAILED; shards are STARTED, DONE or
 * FAILURE. One file per shard, sized by the shard's share of the index data.
 */
export function renderSnapshotStatus(
  repository: string,
  record: SnapshotRecord,
  now = Date.now(),
): Record<string, unknown> {
  const running = record.state === 'IN_PROGRESS';
  const state = running ? 'STARTED' : record.state === 'FAILED' ? 'FAILED' : 'SUCCESS';
  const failedShards = new Set(record.failures.map((f) => `${f.index}/${f.shard_id}`));
  const elapsed = (running ? now : record.endTime) - record.startTime;
  const total = emptyShardStats();
  const totalFiles = { file_count: 0, size_in_bytes: 0 };
  const indices: Record<string, unknown> = {};
  for (const index of record.indices) {
    const details = record.indexDetails[index] ?? { shardCount: 1, sizeInBytes: 0 };
    const shardSize = Math.ceil(details.sizeInBytes / details.shardCount);
    const stats = emptyShardStats();
    const shards: Record<string, unknown> = {};
    for (let shard = 0; shard < details.shardCount; shard++) {
      const failure = record.failures.find((f) => f.index === index && f.shard_id === shard);
      const stage = running ? 'STARTED' : failedShards.has(`${index}/${shard}`) ? 'FAILURE' : 'DONE';
      if (stage === 'STARTED') stats.started++;
      else if (stage === 'DONE') stats.done++;
      else stats.failed++;
      const entry: Record<string, unknown> = {
        stage,
        stats: fileStats(1, shardSize, record.startTime, elapsed, running),
      };
      if (failure) entry.reason = failure.reason;
      shards[String(shard)] = entry;
    }
    stats.total = details.shardCount;
    for (const key of Object.keys(total) as Array<keyof ShardStats>) total[key] += stats[key];
    totalFiles.file_count += details.shardCount;
    totalFiles.size_in_bytes += shardSize * details.shardCount;
    indices[index] = {
      shards_stats: stats,
      stats: fileStats(
        details.shardCount,
        shardSize * details.shardCount,
        record.startTime,
        elapsed,
        running,
      ),
      shards,
    };
  }
  return {
    snapshot: record.name,
    repository,
    uuid: record.uuid,
    state,
    include_global_state: record.includeGlobalState,
    shards_stats: total,
    stats: fileStats(totalFiles.file_count, totalFiles.size_in_bytes, record.startTime, elapsed, running),
    indices,
  };
}

function emptyShardStats(): ShardStats {
  return { initializing: 0, started: 0, finalizing: 0, done: 0, failed: 0, total: 0 };
}

function fileStats(
  files: number,
  bytes: number,
  start: number,
  elapsed: number,
  running: boolean,
): Record<string, unknown> {
  const counts = { file_count: files, size_in_bytes: bytes };
  return {
    incremental: counts,
    ...(running ? { processed: { file_count: 0, size_in_bytes: 0 } } : {}),
    total: counts,
    start_time_in_millis: start,
    time_in_millis: Math.max(0, elapsed),
  };
}
