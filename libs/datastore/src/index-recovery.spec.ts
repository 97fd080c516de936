import { toIndexRecovery, toPrimaryShardCount } from './index-recovery.js';

const target = {
  id: 'n1',
  host: '10.0.1.7',
  transport_address: '10.0.1.7:9300',
  ip: '10.0.1.7',
  name: 'es-0',
};

describe('toIndexRecovery', () => {
  it('keeps the primaries of a restore with their snapshot source and sizes, and drops replicas', () => {
    const recovery = toIndexRecovery('operate-list-view-8.3.0_', 2, {
      shards: [
        {
          id: 1,
          type: 'SNAPSHOT',
          stage: 'INDEX',
          primary: true,
          start_time_in_millis: 1731143496978,
          total_time_in_millis: 1200,
          source: {
            repository: 'backups',
            snapshot: 'camunda_operate_5_8.8.0_part_2_of_6',
            version: '8.19.3',
            index: 'operate-list-view-8.3.0_',
            restoreUUID: 'PDh1ZAOaRbiGIVtCvZOMww',
          },
          target,
          index: { size: { total_in_bytes: 79063092, reused_in_bytes: 0, recovered_in_bytes: 68891939 } },
        },
        {
          id: 0,
          type: 'SNAPSHOT',
          stage: 'DONE',
          primary: true,
          source: { repository: 'backups', snapshot: 'camunda_operate_5_8.8.0_part_2_of_6' },
          target,
          index: { size: { total_in_bytes: 10, recovered_in_bytes: 10 } },
        },
        { id: 0, type: 'PEER', stage: 'INDEX', primary: false, source: target, target },
      ],
    });
    expect(recovery).toEqual({
      index: 'operate-list-view-8.3.0_',
      primaryShards: 2,
      primaries: [
        {
          shard: 0,
          type: 'SNAPSHOT',
          stage: 'DONE',
          source: { repository: 'backups', snapshot: 'camunda_operate_5_8.8.0_part_2_of_6' },
          totalBytes: 10,
          recoveredBytes: 10,
        },
        {
          shard: 1,
          type: 'SNAPSHOT',
          stage: 'INDEX',
          source: { repository: 'backups', snapshot: 'camunda_operate_5_8.8.0_part_2_of_6' },
          totalBytes: 79063092,
          recoveredBytes: 68891939,
        },
      ],
    });
  });

  it('reports a created index without a snapshot source', () => {
    const recovery = toIndexRecovery('orders', 1, {
      shards: [
        {
          id: 0,
          type: 'EMPTY_STORE',
          stage: 'DONE',
          primary: true,
          source: {},
          target,
          index: { size: { total_in_bytes: 0, recovered_in_bytes: 0 } },
        },
      ],
    });
    expect(recovery.primaries).toEqual([
      { shard: 0, type: 'EMPTY_STORE', stage: 'DONE', totalBytes: 0, recoveredBytes: 0 },
    ]);
  });

  it('reads the primary shard count of a _cat/indices row', () => {
    expect(
      toPrimaryShardCount({ health: 'red', status: 'open', index: 'orders', pri: '3', rep: '1' }),
    ).toEqual({ index: 'orders', primaryShards: 3 });
  });

  it('reports an index the answer left out (no primary assigned) as having no primaries', () => {
    expect(toIndexRecovery('red-index', 3, undefined)).toEqual({
      index: 'red-index',
      primaryShards: 3,
      primaries: [],
    });
    expect(toIndexRecovery('red-index', 3, { shards: [] }).primaries).toEqual([]);
  });
});
