import { join } from 'node:path';
import {
  createDatastore,
  DatastoreError,
  type DatastoreErrorKind,
  type SnapshotDatastore,
  type SnapshotSummary,
} from '@app/datastore';
import { httpRequest } from '../support/http.js';
import { waitFor } from '../support/processes.js';
import { type Flavor, SandboxHandle } from '../support/sandbox.js';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

const BACKUP_ID = 9223372036854775807n;
const REPO = 'backups';

async function failure(call: () => Promise<unknown>): Promise<DatastoreError> {
  const error = await call().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DatastoreError);
  return error as DatastoreError;
}

async function expectKind(call: () => Promise<unknown>, kind: DatastoreErrorKind): Promise<DatastoreError> {
  const error = await failure(call);
  expect({ kind: error.kind, message: error.message }).toMatchObject({ kind });
  return error;
}

/**
 * The adapter for `flavor` against the sandbox of the same flavour, through real HTTP. The cases
 * share one sandbox and run in order; each uses snapshot names of its own.
 */
export function describeDatastoreAgainstSandbox(flavor: Flavor): void {
  describe(`${flavor} adapter against the ${flavor} sandbox`, () => {
    let sandbox: SandboxHandle;
    let datastore: SnapshotDatastore;

    /** Plain HTTP to the sandbox for fixtures and faults, bypassing the adapter. */
    async function http(
      method: string,
      path: string,
      body?: unknown,
    ): Promise<{ status: number; text: string }> {
      return httpRequest(`${sandbox.url}${path}`, { method, body });
    }

    async function fixture(method: string, path: string, body?: unknown): Promise<void> {
      const { status, text } = await http(method, path, body);
      if (status >= 300) throw new Error(`${method} ${path} → ${status} ${text}`);
    }

    async function requests(): Promise<{ method: string; path: string; query: Record<string, string> }[]> {
      return JSON.parse((await http('GET', '/_sandbox/requests')).text);
    }

    async function createIndex(name: string, docs: number): Promise<void> {
      await fixture('PUT', `/${name}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
      for (let id = 1; id <= docs; id++) {
        await fixture('PUT', `/${name}/_doc/${id}?refresh=true`, { id, name: `${name}-${id}` });
      }
    }

    async function snapshot(name: string): Promise<SnapshotSummary | undefined> {
      return (await datastore.getSnapshots(REPO, [name]))[0];
    }

    async function finished(name: string): Promise<SnapshotSummary> {
      await waitFor(
        `snapshot ${name} to finish`,
        async () => (await snapshot(name))?.state !== 'IN_PROGRESS',
        {
          timeoutMs: 20_000,
          intervalMs: 100,
        },
      );
      return (await snapshot(name))!;
    }

    async function create(
      name: string,
      indices: string[],
      metadata?: Record<string, unknown>,
    ): Promise<void> {
      await datastore.createSnapshot({
        repository: REPO,
        snapshot: name,
        indices,
        includeGlobalState: false,
        featureStates: ['none'],
        metadata,
      });
    }

    beforeAll(async () => {
      sandbox = await SandboxHandle.start({ flavor, env: { SANDBOX_SNAPSHOT_MIN_MS: '800' } });
      datastore = createDatastore({
        type: flavor,
        urls: [sandbox.url],
        maxRetries: 0,
        requestTimeoutMs: 10_000,
      });
      await createIndex('orders', 3);
      await createIndex('customers', 2);
      await fixture('PUT', `/_snapshot/${REPO}`, {
        type: 'fs',
        settings: { location: join(sandbox.repoRoot, REPO) },
      });
    });

    afterAll(async () => {
      await datastore?.close();
      await sandbox?.close();
    });

    afterEach(async () => {
      if (sandbox.process.isRunning) await http('DELETE', '/_sandbox/faults');
    });

    it('reads info and health', async () => {
      const info = await datastore.info();
      expect(info.flavor).toBe(flavor);
      expect(info.version).toMatch(flavor === 'elasticsearch' ? /^8\./ : /^2\./);
      expect(['green', 'yellow']).toContain(await datastore.clusterHealth());
    });

    it('lists indices with their document counts, [] when nothing matches', async () => {
      expect(await datastore.listIndices(['orders*', 'customers'])).toEqual([
        { name: 'customers', docsCount: 2 },
        { name: 'orders', docsCount: 3 },
      ]);
      expect(await datastore.listIndices(['nomatch-*'])).toEqual([]);
      expect(await datastore.listIndices(['missing-index'])).toEqual([]);
      expect(await datastore.listIndices(['orders', 'missing-index'])).toEqual([
        { name: 'orders', docsCount: 3 },
      ]);
    });

    it('counts documents over exact indices', async () => {
      expect(await datastore.countDocuments(['orders', 'customers'])).toBe(5);
      await expectKind(() => datastore.countDocuments(['missing-index']), 'index_missing');
    });

    it('checks the repository', async () => {
      await datastore.assertRepositoryExists(REPO);
      const error = await expectKind(() => datastore.assertRepositoryExists('nope'), 'repository_missing');
      expect(error.message).toContain('nope');
      await expectKind(() => datastore.getSnapshots('nope', ['*']), 'repository_missing');
      await expectKind(
        () =>
          datastore.createSnapshot({
            repository: 'nope',
            snapshot: 's',
            indices: ['orders'],
            includeGlobalState: false,
          }),
        'repository_missing',
      );
    });

    it('creates a snapshot that runs, then succeeds, with its metadata exact', async () => {
      const metadata = { backupId: BACKUP_ID, version: '8.8.0', partNo: 1, partCount: 2 };
      await http('DELETE', '/_sandbox/requests');
      await create('part-1', ['orders', 'customers'], metadata);
      const [sent] = await requests();
      expect(sent).toMatchObject({
        path: `/_snapshot/${REPO}/part-1`,
        query: { wait_for_completion: 'false' },
      });

      const running = await snapshot('part-1');
      expect(running?.state).toBe('IN_PROGRESS');

      const done = await finished('part-1');
      expect(done).toMatchObject({ name: 'part-1', state: 'SUCCESS', failures: [], metadata });
      expect(done.metadata?.backupId).toBe(BACKUP_ID);
      expect([...(done.indices ?? [])].sort()).toEqual(['customers', 'orders']);
      expect(done.startTimeMillis).toBeGreaterThan(0);
      expect(done.endTimeMillis).toBeGreaterThanOrEqual(done.startTimeMillis!);

      // The exact digits are on the wire and stored, not only round-tripped by our own parser.
      const raw = await http('GET', `/_snapshot/${REPO}/part-1`);
      expect(raw.text).toContain('"backupId":9223372036854775807');
    });

    it('refuses a duplicate name', async () => {
      await create('dup', ['orders']);
      const whileRunning = await expectKind(() => create('dup', ['orders']), 'duplicate_snapshot');
      expect(whileRunning.message).toContain(`create snapshot [${REPO}:dup]`);
      await finished('dup');
      await expectKind(() => create('dup', ['orders']), 'duplicate_snapshot');
    });

    it('reports a missing concrete index on create', async () => {
      await expectKind(() => create('no-index', ['missing-index']), 'index_missing');
    });

    it('returns [] for names and patterns that match nothing', async () => {
      // Both ways of saying "nothing" are exercised: ES 8.19 answers 200 [], OpenSearch 404.
      const raw = await http('GET', `/_snapshot/${REPO}/nomatch-*`);
      expect(raw.status).toBe(flavor === 'elasticsearch' ? 200 : 404);
      await http('DELETE', '/_sandbox/requests');
      expect(await datastore.getSnapshots(REPO, ['nomatch-*'])).toEqual([]);
      expect(await datastore.getSnapshots(REPO, ['missing-name'])).toEqual([]);
      const mixed = await datastore.getSnapshots(REPO, ['part-*', 'missing-name', 'nomatch-*']);
      expect(mixed.map((s) => s.name)).toEqual(['part-1']);
      for (const { query } of await requests()) expect(Object.keys(query)).toEqual([]);
    });

    it('reports the size of existing snapshots by exact name, leaving missing ones out', async () => {
      const sizes = await datastore.snapshotSizes(REPO, ['part-1', 'missing-name']);
      expect([...sizes.keys()]).toEqual(['part-1']);
      expect(sizes.get('part-1')).toBeGreaterThan(0);
      expect(await datastore.snapshotSizes(REPO, [])).toEqual(new Map());
      await expect(datastore.snapshotSizes(REPO, ['part-*'])).rejects.toThrow(/exact/i);
      await expectKind(() => datastore.snapshotSizes('nope', ['part-1']), 'repository_missing');
    });

    it('lists cheaply with verbose=false', async () => {
      const [summary] = await datastore.getSnapshots(REPO, ['part-1'], { verbose: false });
      expect(summary).toMatchObject({ name: 'part-1', state: 'SUCCESS' });
      expect(summary?.startTimeMillis).toBeUndefined();
    });

    it('reports a FAILED snapshot with its reason', async () => {
      await fixture('POST', '/_sandbox/faults', {
        type: 'snapshot_outcome',
        outcome: 'FAILED',
        snapshot: 'bad-*',
      });
      await create('bad-1', ['orders']);
      const failed = await finished('bad-1');
      expect(failed.state).toBe('FAILED');
      expect(failed.reason).toBeTruthy();
    });

    it('reports a PARTIAL snapshot with its shard failures', async () => {
      await fixture('POST', '/_sandbox/faults', {
        type: 'snapshot_outcome',
        outcome: 'PARTIAL',
        snapshot: 'half-*',
      });
      await datastore.createSnapshot({
        repository: REPO,
        snapshot: 'half-1',
        indices: ['orders', 'customers'],
        includeGlobalState: false,
        partial: true,
      });
      const partial = await finished('half-1');
      expect(partial.state).toBe('PARTIAL');
      expect(partial.failures.length).toBeGreaterThan(0);
      expect(partial.failures[0]?.reason).toBeTruthy();
    });

    it('lists only the state fields with stateOnly, failures and "nothing" included', async () => {
      const names = ['part-1', 'bad-1', 'half-1'];
      const full = await datastore.getSnapshots(REPO, names);
      await http('DELETE', '/_sandbox/requests');
      const slim = await datastore.getSnapshots(REPO, names, { stateOnly: true });
      expect(slim.map((s) => s.name)).toEqual(full.map((s) => s.name));
      for (const [index, summary] of slim.entries()) {
        const whole = full[index]!;
        expect(summary).toEqual({
          name: whole.name,
          uuid: whole.uuid,
          state: whole.state,
          indices: undefined,
          startTimeMillis: whole.startTimeMillis,
          endTimeMillis: whole.endTimeMillis,
          reason: whole.reason,
          failures: whole.failures.map((f) => ({ reason: f.reason })),
          metadata: undefined,
        });
      }
      expect(slim.find((s) => s.name === 'half-1')?.failures.length).toBeGreaterThan(0);
      expect((await requests())[0]?.query.filter_path).toContain('snapshots.state');
      expect(await datastore.getSnapshots(REPO, ['nomatch-*'], { stateOnly: true })).toEqual([]);
      expect(await datastore.getSnapshots(REPO, ['missing-name'], { stateOnly: true })).toEqual([]);
      await expectKind(
        () => datastore.getSnapshots('nope', ['*'], { stateOnly: true }),
        'repository_missing',
      );
    });

    it('lists only names, uuids and states with verbose false and stateOnly', async () => {
      const names = ['part-1', 'bad-1', 'half-1'];
      const full = (await datastore.getSnapshots(REPO, names)).sort(byName);
      await http('DELETE', '/_sandbox/requests');
      const index = await datastore.getSnapshots(REPO, names, { verbose: false, stateOnly: true });
      expect(index.sort(byName)).toEqual(
        full.map((whole) => ({
          name: whole.name,
          uuid: whole.uuid,
          state: whole.state,
          indices: undefined,
          startTimeMillis: undefined,
          endTimeMillis: undefined,
          reason: undefined,
          failures: [],
          metadata: undefined,
        })),
      );
      expect(full.every((whole) => typeof whole.uuid === 'string')).toBe(true);
      expect((await requests())[0]?.query).toMatchObject({ verbose: 'false' });
    });

    it('deletes snapshots: a running one is aborted, missing ones are ignored', async () => {
      await fixture('POST', '/_sandbox/faults', {
        type: 'snapshot_outcome',
        outcome: 'HANG',
        snapshot: 'hung-*',
      });
      await create('hung-1', ['orders']);
      expect((await snapshot('hung-1'))?.state).toBe('IN_PROGRESS');
      await create('gone-1', ['customers']);
      await finished('gone-1');

      await datastore.deleteSnapshots(REPO, ['hung-1', 'never-existed', 'gone-1']);
      expect(await datastore.getSnapshots(REPO, ['hung-1', 'gone-1'])).toEqual([]);
      await datastore.deleteSnapshots(REPO, ['never-existed']);
      expect((await snapshot('part-1'))?.state).toBe('SUCCESS');
    });

    it('restores deleted indices with their documents', async () => {
      await create('restore-me', ['orders', 'customers']);
      await finished('restore-me');
      await expectKind(
        () => datastore.restoreSnapshot({ repository: REPO, snapshot: 'restore-me', indices: ['orders'] }),
        'restore_refused',
      );

      await datastore.deleteIndices(['orders', 'customers']);
      expect(await datastore.listIndices(['orders', 'customers'])).toEqual([]);

      await datastore.restoreSnapshot({
        repository: REPO,
        snapshot: 'restore-me',
        indices: ['orders', 'customers'],
        waitForCompletion: true,
      });
      expect(await datastore.countDocuments(['orders'])).toBe(3);
      expect(await datastore.countDocuments(['customers'])).toBe(2);
    });

    it('follows a restore sent without waiting through the recovery of its indices', async () => {
      // 'restore-me' (the case before) holds orders (3 documents) and customers (2).
      await createIndex('created-here', 1);
      await datastore.deleteIndices(['orders', 'customers']);
      expect(await datastore.getRecovery(['orders', 'customers'])).toEqual([]);

      await http('DELETE', '/_sandbox/requests');
      await datastore.restoreSnapshot({
        repository: REPO,
        snapshot: 'restore-me',
        indices: ['orders', 'customers'],
      });
      const [sent] = await requests();
      expect(sent).toMatchObject({
        path: `/_snapshot/${REPO}/restore-me/_restore`,
        query: { wait_for_completion: 'false' },
      });

      const restoring = await datastore.getRecovery(['orders', 'missing-index', 'customers', 'created-here']);
      expect(restoring.map((recovery) => recovery.index)).toEqual(['created-here', 'customers', 'orders']);
      expect(restoring[0]!.primaries).toEqual([
        expect.objectContaining({ type: 'EMPTY_STORE', stage: 'DONE' }),
      ]);
      for (const recovery of restoring.slice(1)) {
        expect(recovery.primaryShards).toBe(1);
        expect(recovery.primaries).toEqual([
          expect.objectContaining({
            shard: 0,
            type: 'SNAPSHOT',
            source: { repository: REPO, snapshot: 'restore-me' },
          }),
        ]);
      }
      await waitFor(
        'the restored primaries to be DONE',
        async () =>
          (await datastore.getRecovery(['orders', 'customers'])).every((recovery) =>
            recovery.primaries.every((shard) => shard.stage === 'DONE'),
          ),
        { timeoutMs: 20_000, intervalMs: 100 },
      );
      const [customers, orders] = await datastore.getRecovery(['orders', 'customers']);
      for (const done of [customers!, orders!]) {
        expect(done.primaries[0]!.recoveredBytes).toBe(done.primaries[0]!.totalBytes);
      }
      expect(await datastore.countDocuments(['orders'])).toBe(3);
      expect(await datastore.countDocuments(['customers'])).toBe(2);
      expect(await datastore.getRecovery(['missing-index'])).toEqual([]);
      await expectKind(() => datastore.getRecovery(['orders*']), 'bad_request');
    });

    it('maps 503 answers to unavailable', async () => {
      await fixture('POST', '/_sandbox/faults', { type: 'http_error', status: 503, count: 2 });
      const error = await expectKind(() => datastore.getSnapshots(REPO, ['part-1']), 'unavailable');
      expect(error.statusCode).toBe(503);
      expect(error.isTransient).toBe(true);
      await expectKind(() => datastore.info(), 'unavailable');
      expect((await datastore.info()).flavor).toBe(flavor);
    });

    it('maps a dropped connection to unreachable', async () => {
      await fixture('POST', '/_sandbox/faults', {
        type: 'drop_connection',
        count: 1,
        path: '/_cluster/health',
      });
      await expectKind(() => datastore.clusterHealth(), 'unreachable');
      expect(['green', 'yellow']).toContain(await datastore.clusterHealth());
    });

    it('maps a stopped datastore to unreachable, and recovers when it is back', async () => {
      await sandbox.stopProcess();
      try {
        const error = await expectKind(() => datastore.info(), 'unreachable');
        expect(error.isTransient).toBe(true);
        await expectKind(() => datastore.getSnapshots(REPO, ['part-1']), 'unreachable');
      } finally {
        await sandbox.startProcess();
      }
      const [back] = await datastore.getSnapshots(REPO, ['part-1']);
      expect(back?.metadata?.backupId).toBe(BACKUP_ID);
    });
  });
}
