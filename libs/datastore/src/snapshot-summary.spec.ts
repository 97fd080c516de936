import { toSnapshotSummary } from './snapshot-summary.js';

describe('toSnapshotSummary', () => {
  it('maps a running Elasticsearch snapshot (end time 0 means unknown)', () => {
    const summary = toSnapshotSummary({
      snapshot: 'camunda_operate_1_8.8.0_part_1_of_6',
      uuid: 'dKb54xw67gvdRctLCxSket',
      repository: 'repo',
      indices: ['operate-import-position-8.3.0_'],
      data_streams: [],
      include_global_state: true,
      metadata: { backupId: 9223372036854775807n, version: '8.8.0', partNo: 1, partCount: 6 },
      state: 'IN_PROGRESS',
      start_time: '2024-11-09T09:11:36.978Z',
      start_time_in_millis: 1731143496978,
      end_time: '1970-01-01T00:00:00.000Z',
      end_time_in_millis: 0,
      duration_in_millis: 0,
      failures: [],
      shards: { total: 1, failed: 1, successful: 0 },
      feature_states: [],
    });
    expect(summary).toEqual({
      name: 'camunda_operate_1_8.8.0_part_1_of_6',
      uuid: 'dKb54xw67gvdRctLCxSket',
      state: 'IN_PROGRESS',
      indices: ['operate-import-position-8.3.0_'],
      startTimeMillis: 1731143496978,
      endTimeMillis: undefined,
      reason: undefined,
      failures: [],
      metadata: { backupId: 9223372036854775807n, version: '8.8.0', partNo: 1, partCount: 6 },
    });
  });

  it('keeps the reason and shard failures of a FAILED snapshot', () => {
    const summary = toSnapshotSummary({
      snapshot: 's',
      uuid: 'u',
      state: 'FAILED',
      reason: "Indices don't have primary shards [idx]",
      start_time_in_millis: 10,
      end_time_in_millis: 20,
      failures: [
        {
          index: 'idx',
          index_uuid: 'idx',
          shard_id: 0,
          reason: 'primary shard is not allocated',
          status: 'INTERNAL_SERVER_ERROR',
        },
      ],
    });
    expect(summary).toMatchObject({
      state: 'FAILED',
      reason: "Indices don't have primary shards [idx]",
      startTimeMillis: 10,
      endTimeMillis: 20,
      failures: [
        {
          index: 'idx',
          shardId: 0,
          reason: 'primary shard is not allocated',
          status: 'INTERNAL_SERVER_ERROR',
        },
      ],
    });
  });

  it('copes with a non-verbose entry', () => {
    expect(
      toSnapshotSummary({
        snapshot: 's',
        uuid: 'u',
        indices: ['b', 'a'],
        data_streams: [],
        state: 'SUCCESS',
      }),
    ).toEqual({
      name: 's',
      uuid: 'u',
      state: 'SUCCESS',
      indices: ['b', 'a'],
      startTimeMillis: undefined,
      endTimeMillis: undefined,
      reason: undefined,
      failures: [],
      metadata: undefined,
    });
  });
});
