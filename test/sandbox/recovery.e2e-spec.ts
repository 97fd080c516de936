import type { SandboxHandle } from '../support/sandbox.js';
import { putRepository, raw, seedIndex, startSandbox, waitForRecovery } from './helpers.js';

// Elasticsearch 8 / OpenSearch 2: a restore without wait_for_completion answers {"accepted":true}
// at once (RestoreSnapshotResponse before the RestoreInfo exists; OS story test snapshot/restore.yaml),
// its progress shows in GET /{index}/_recovery as type SNAPSHOT with a snapshot source
// (RecoveryState.toXContent, SnapshotRecoverySource), and the index stays red — primaries
// initializing — until every shard's recovery is DONE (facts §5.5; ES-yaml snapshot.restore/10_basic).
const RESTORE_MS = 1500;

for (const flavor of ['elasticsearch', 'opensearch'] as const) {
  describe(`restore progress through _recovery (${flavor})`, () => {
    let sandbox: SandboxHandle;
    beforeAll(async () => {
      sandbox = await startSandbox({
        flavor,
        env: { SANDBOX_RESTORE_MIN_MS: String(RESTORE_MS), SANDBOX_RESTORE_MS_PER_DOC: '0' },
      });
      await putRepository(sandbox, 'repo');
      await seedIndex(sandbox, 'orders', 20, { number_of_shards: 2, number_of_replicas: 0 });
      const created = await raw(sandbox, 'PUT', '/_snapshot/repo/snap?wait_for_completion=true', {
        indices: 'orders',
      });
      if (created.body.snapshot?.state !== 'SUCCESS') throw new Error(`snapshot: ${created.text}`);
      await raw(sandbox, 'DELETE', '/orders');
    });
    afterAll(async () => {
      await sandbox.close();
    });

    it('accepts at once, recovers over time, and only then serves the index', async () => {
      const started = performance.now();
      const accepted = await raw(sandbox, 'POST', '/_snapshot/repo/snap/_restore');
      expect(accepted.status).toBe(200);
      expect(accepted.body).toEqual({ accepted: true });
      expect(performance.now() - started).toBeLessThan(RESTORE_MS);

      const during = await raw(sandbox, 'GET', '/orders/_recovery?detailed=true');
      expect(during.status).toBe(200);
      const shards = during.body.orders.shards;
      expect(shards.map((s: { id: number }) => s.id)).toEqual([0, 1]);
      for (const shard of shards) {
        expect(shard).toMatchObject({ type: 'SNAPSHOT', primary: true });
        expect(['INIT', 'INDEX', 'VERIFY_INDEX', 'TRANSLOG', 'FINALIZE']).toContain(shard.stage);
        expect(shard.source).toMatchObject({ repository: 'repo', snapshot: 'snap', index: 'orders' });
        expect(shard.source.version).toBe(flavor === 'elasticsearch' ? '8.19.3' : '2.19.1');
        expect(shard.index.size.percent).toMatch(/^\d+\.\d%$/);
        expect(shard.stop_time_in_millis).toBeUndefined();
        expect(Array.isArray(shard.index.files.details)).toBe(true);
      }
      expect(Object.keys((await raw(sandbox, 'GET', '/_recovery?active_only=true')).body)).toEqual([
        'orders',
      ]);

      // primaries initializing: red health, searches fail on every shard (503), gets find no shard
      const health = await raw(sandbox, 'GET', '/_cluster/health/orders');
      expect(health.body).toMatchObject({ status: 'red', initializing_shards: 2, active_primary_shards: 0 });
      const count = await raw(sandbox, 'GET', '/orders/_count');
      expect(count.status).toBe(503);
      expect(count.body).toEqual({
        error: {
          root_cause: [],
          type: 'search_phase_execution_exception',
          reason: 'all shards failed',
          phase: 'query',
          grouped: true,
          failed_shards: [],
        },
        status: 503,
      });
      const get = await raw(sandbox, 'GET', '/orders/_doc/1');
      expect(get.status).toBe(503);
      expect(get.body.error.type).toBe('no_shard_available_action_exception');
      const write = await raw(sandbox, 'PUT', '/orders/_doc/new', { n: 1 });
      expect(write.status).toBe(503);
      expect(write.body.error.type).toBe('unavailable_shards_exception');

      await waitForRecovery(sandbox, 'orders');
      expect(performance.now() - started).toBeGreaterThanOrEqual(RESTORE_MS - 20);
      const after = await raw(sandbox, 'GET', '/orders/_recovery');
      for (const shard of after.body.orders.shards) {
        expect(shard.stage).toBe('DONE');
        expect(shard.index.size.percent).toBe('100.0%');
        expect(shard.index.files).toMatchObject({ total: 1, recovered: 1, percent: '100.0%' });
        expect(shard.stop_time_in_millis).toBeGreaterThanOrEqual(shard.start_time_in_millis);
        expect(shard.index.files.details).toBeUndefined();
      }
      expect((await raw(sandbox, 'GET', '/_recovery?active_only=true')).body).toEqual({});
      expect((await raw(sandbox, 'GET', '/orders/_count')).body.count).toBe(20);
      expect((await raw(sandbox, 'GET', '/_cluster/health/orders')).body.status).toBe('green');
    });

    it('waits for the whole recovery with wait_for_completion=true', async () => {
      await raw(sandbox, 'DELETE', '/orders');
      const started = performance.now();
      const restored = await raw(sandbox, 'POST', '/_snapshot/repo/snap/_restore?wait_for_completion=true');
      expect(performance.now() - started).toBeGreaterThanOrEqual(RESTORE_MS - 20);
      expect(restored.body.snapshot).toEqual({
        snapshot: 'snap',
        indices: ['orders'],
        shards: { total: 2, failed: 0, successful: 2 },
      });
      expect((await raw(sandbox, 'GET', '/orders/_count')).body.count).toBe(20);
    });

    it('refuses to delete the source snapshot of a running restore (503)', async () => {
      await raw(sandbox, 'DELETE', '/orders');
      await raw(sandbox, 'POST', '/_snapshot/repo/snap/_restore');
      const deleted = await raw(sandbox, 'DELETE', '/_snapshot/repo/snap');
      expect(deleted.status).toBe(503);
      expect(deleted.body.error.type).toBe('concurrent_snapshot_execution_exception');
      expect(deleted.body.error.reason).toMatch(/cannot delete snapshot during a restore in progress/);
      await waitForRecovery(sandbox, 'orders');
    });

    it('shows created indices as EMPTY_STORE recoveries', async () => {
      await raw(sandbox, 'PUT', '/fresh');
      const recovery = await raw(sandbox, 'GET', '/fresh/_recovery');
      expect(recovery.body.fresh.shards[0]).toMatchObject({
        id: 0,
        type: 'EMPTY_STORE',
        stage: 'DONE',
        source: {},
      });
    });

    it('leaves an index red when the node restarts mid-restore; deleting it allows a new restore', async () => {
      await raw(sandbox, 'DELETE', '/orders');
      await raw(sandbox, 'POST', '/_snapshot/repo/snap/_restore');
      await sandbox.restart();
      const health = await raw(sandbox, 'GET', '/_cluster/health/orders');
      expect(health.body.status).toBe('red');
      expect(health.body.unassigned_shards).toBe(2);
      if (flavor === 'elasticsearch') expect(health.body.unassigned_primary_shards).toBe(2);
      expect((await raw(sandbox, 'GET', '/orders/_count')).status).toBe(503);
      expect((await raw(sandbox, 'GET', '/orders/_recovery')).body).toEqual({});
      // the restore is gone with the restart, so the snapshot can be deleted... but we restore again
      await raw(sandbox, 'DELETE', '/orders');
      await raw(sandbox, 'POST', '/_snapshot/repo/snap/_restore?wait_for_completion=true');
      expect((await raw(sandbox, 'GET', '/orders/_count')).body.count).toBe(20);
      const existing = await raw(sandbox, 'GET', '/fresh/_recovery');
      expect(existing.body.fresh.shards[0]).toMatchObject({ type: 'EXISTING_STORE', stage: 'DONE' });
    });
  });
}
