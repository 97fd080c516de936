import { errors } from '@elastic/elasticsearch';
import type { SandboxHandle } from '../support/sandbox.js';
import {
  addFault,
  esClient,
  putRepository,
  raw,
  seedIndex,
  startSandbox,
  waitForRecovery,
} from './helpers.js';

describe('restore (elasticsearch flavour)', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox();
    await putRepository(sandbox, 'repo');
    await seedIndex(sandbox, 'data-a', 5);
    await seedIndex(sandbox, 'data-b', 2);
    await raw(sandbox, 'PUT', '/_snapshot/repo/snap?wait_for_completion=true', { indices: 'data-*' });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('refuses to restore over an existing open index with ES reason', async () => {
    const response = await raw(sandbox, 'POST', '/_snapshot/repo/snap/_restore', { indices: 'data-a' });
    expect(response.status).toBe(500);
    expect(response.body.error.type).toBe('snapshot_restore_exception');
    expect(response.body.error.reason).toMatch(
      /^\[repo:snap\/[\w-]{22}\] cannot restore index \[data-a\] because an open index with same name already exists in the cluster\. Either close or delete the existing index or restore the index under a different name by providing a rename pattern and replacement name$/,
    );
  });

  it('restores deleted indices with their documents', async () => {
    await raw(sandbox, 'DELETE', '/data-a,data-b');
    const restored = await esClient(sandbox).snapshot.restore({
      repository: 'repo',
      snapshot: 'snap',
      wait_for_completion: true,
    });
    expect(restored.snapshot).toEqual({
      snapshot: 'snap',
      indices: ['data-a', 'data-b'],
      shards: { total: 2, failed: 0, successful: 2 },
    });
    expect((await esClient(sandbox).count({ index: 'data-a' })).count).toBe(5);
    const doc = await esClient(sandbox).get({ index: 'data-a', id: '3' });
    expect(doc['_source']).toEqual({ n: 3 });
  });

  it('restores into a closed index and under a new name with rename_pattern', async () => {
    await raw(sandbox, 'POST', '/data-b/_close');
    const intoClosed = await raw(sandbox, 'POST', '/_snapshot/repo/snap/_restore?wait_for_completion=true', {
      indices: 'data-b',
    });
    expect(intoClosed.status).toBe(200);
    expect((await raw(sandbox, 'GET', '/_cat/indices/data-b?format=json')).body[0].status).toBe('open');
    const renamed = await raw(sandbox, 'POST', '/_snapshot/repo/snap/_restore', {
      indices: 'data-a',
      rename_pattern: '(.+)',
      rename_replacement: 'restored-$1',
    });
    expect(renamed.body).toEqual({ accepted: true });
    await waitForRecovery(sandbox, 'restored-data-a');
    expect((await raw(sandbox, 'GET', '/restored-data-a/_count')).body.count).toBe(5);
  });

  it('answers snapshot_restore_exception for an unknown snapshot and a missing index', async () => {
    const unknown = await raw(sandbox, 'POST', '/_snapshot/repo/ghost/_restore');
    expect(unknown.status).toBe(500);
    expect(unknown.body.error).toMatchObject({
      type: 'snapshot_restore_exception',
      reason: '[repo:ghost] snapshot does not exist',
    });
    const missingIndex = await raw(sandbox, 'POST', '/_snapshot/repo/snap/_restore', { indices: 'nope' });
    expect(missingIndex.status).toBe(404);
    expect(missingIndex.body.error.type).toBe('index_not_found_exception');
  });
});

describe('fault injection', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox();
    await putRepository(sandbox, 'repo');
    await seedIndex(sandbox, 'idx', 2);
    await seedIndex(sandbox, 'idx2', 1);
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    await raw(sandbox, 'DELETE', '/_sandbox/faults');
  });

  it('makes the next matching snapshot FAILED with reason and shard failures; restore then refuses it', async () => {
    await addFault(sandbox, { type: 'snapshot_outcome', outcome: 'FAILED', snapshot: 'fail-*', count: 1 });
    const failed = await raw(sandbox, 'PUT', '/_snapshot/repo/fail-1?wait_for_completion=true', {
      indices: 'idx',
    });
    expect(failed.status).toBe(200);
    expect(failed.body.snapshot.state).toBe('FAILED');
    expect(failed.body.snapshot.reason).toBeTruthy();
    expect(failed.body.snapshot.failures[0]).toMatchObject({
      index: 'idx',
      shard_id: 0,
      status: 'INTERNAL_SERVER_ERROR',
    });
    expect(failed.body.snapshot.shards).toEqual({ total: 1, failed: 1, successful: 0 });
    const next = await raw(sandbox, 'PUT', '/_snapshot/repo/fail-2?wait_for_completion=true', {
      indices: 'idx',
    });
    expect(next.body.snapshot.state).toBe('SUCCESS');
    const restore = await raw(sandbox, 'POST', '/_snapshot/repo/fail-1/_restore');
    expect(restore.status).toBe(500);
    expect(restore.body.error.reason).toMatch(
      /^\[repo:fail-1\/[\w-]+\] unsupported snapshot state \[FAILED\]$/,
    );
    const status = await raw(sandbox, 'GET', '/_snapshot/repo/fail-1/_status');
    expect(status.body.snapshots[0].state).toBe('FAILED');
  });

  it('makes a snapshot PARTIAL: failures, no reason', async () => {
    await addFault(sandbox, { type: 'snapshot_outcome', outcome: 'PARTIAL' });
    const partial = await raw(sandbox, 'PUT', '/_snapshot/repo/partial-1?wait_for_completion=true', {
      indices: 'idx,idx2',
    });
    expect(partial.body.snapshot.state).toBe('PARTIAL');
    expect(partial.body.snapshot.reason).toBeUndefined();
    expect(partial.body.snapshot.failures).toHaveLength(1);
    expect(partial.body.snapshot.shards).toEqual({ total: 2, failed: 1, successful: 1 });
    expect((await raw(sandbox, 'GET', '/_snapshot/repo/partial-1/_status')).body.snapshots[0].state).toBe(
      'SUCCESS',
    );
  });

  it('makes a snapshot HANG in progress until it is deleted', async () => {
    await addFault(sandbox, { type: 'snapshot_outcome', outcome: 'HANG', snapshot: 'hang-me' });
    await raw(sandbox, 'PUT', '/_snapshot/repo/hang-me', { indices: 'idx' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await raw(sandbox, 'GET', '/_snapshot/repo/hang-me')).body.snapshots[0].state).toBe(
      'IN_PROGRESS',
    );
    expect((await raw(sandbox, 'DELETE', '/_snapshot/repo/hang-me')).status).toBe(200);
    expect((await raw(sandbox, 'GET', '/_snapshot/repo/hang-me')).status).toBe(404);
  });

  it('answers the next N matching requests with an injected 503 (ES client sees it with maxRetries 0)', async () => {
    const id = await addFault(sandbox, {
      type: 'http_error',
      status: 503,
      count: 2,
      path: '/_snapshot/*',
      method: 'GET',
    });
    expect((await raw(sandbox, 'GET', '/_sandbox/faults')).body).toEqual([
      { id, type: 'http_error', count: 2, path: '/_snapshot/*', method: 'GET', status: 503 },
    ]);
    expect((await raw(sandbox, 'GET', '/')).status).toBe(200);
    const error = await esClient(sandbox)
      .snapshot.get({ repository: 'repo', snapshot: '_all' })
      .catch((e: errors.ResponseError) => e);
    expect((error as errors.ResponseError).statusCode).toBe(503);
    expect((error as errors.ResponseError).body).toMatchObject({
      error: { type: 'cluster_block_exception' },
      status: 503,
    });
    const second = await raw(sandbox, 'GET', '/_snapshot/repo/_all');
    expect(second.status).toBe(503);
    expect(second.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect((await raw(sandbox, 'GET', '/_snapshot/repo/_all')).status).toBe(200);
    expect((await raw(sandbox, 'GET', '/_sandbox/faults')).body).toEqual([]);
  });

  it('drops connections and delays answers', async () => {
    await addFault(sandbox, { type: 'drop_connection', count: 1, path: '/_cluster/health' });
    await expect(fetch(`${sandbox.url}/_cluster/health`)).rejects.toThrow();
    const error = await esClient(sandbox)
      .cluster.health()
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(error).toBeUndefined();
    await addFault(sandbox, { type: 'delay', ms: 300, count: 1, path: '/' });
    const started = Date.now();
    expect((await raw(sandbox, 'GET', '/')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    await addFault(sandbox, { type: 'drop_connection', count: 1 });
    const dropped = await esClient(sandbox)
      .info()
      .catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(errors.ConnectionError);
  });

  it('lists, removes and validates faults; /_sandbox is never faulted', async () => {
    const id = await addFault(sandbox, { type: 'http_error', status: 500, count: 5 });
    expect((await raw(sandbox, 'GET', '/_sandbox/faults')).status).toBe(200);
    expect((await raw(sandbox, 'DELETE', `/_sandbox/faults/${id}`)).body).toEqual({ acknowledged: true });
    expect((await raw(sandbox, 'DELETE', `/_sandbox/faults/${id}`)).status).toBe(404);
    const bad = await raw(sandbox, 'POST', '/_sandbox/faults', { type: 'explode' });
    expect(bad.status).toBe(400);
    expect((await raw(sandbox, 'GET', '/')).status).toBe(200);
  });

  it('records requests in order, excluding /_sandbox, and clears them', async () => {
    await raw(sandbox, 'DELETE', '/_sandbox/requests');
    await raw(sandbox, 'GET', '/_snapshot/repo/_all?verbose=false');
    await raw(sandbox, 'GET', '/_cluster/health');
    const log = (await raw(sandbox, 'GET', '/_sandbox/requests')).body;
    expect(log.map((r: { method: string; path: string }) => `${r.method} ${r.path}`)).toEqual([
      'GET /_snapshot/repo/_all',
      'GET /_cluster/health',
    ]);
    expect(log[0].query).toEqual({ verbose: 'false' });
    expect(new Date(log[0].time).getTime()).toBeGreaterThan(0);
  });

  it('resets all state', async () => {
    const scratch = await startSandbox();
    try {
      await putRepository(scratch, 'r');
      await seedIndex(scratch, 'x', 1);
      await addFault(scratch, { type: 'delay', ms: 1, count: 9 });
      expect((await raw(scratch, 'POST', '/_sandbox/reset')).body).toEqual({ acknowledged: true });
      expect((await raw(scratch, 'GET', '/_cat/indices?format=json')).body).toEqual([]);
      expect((await raw(scratch, 'GET', '/_snapshot')).body).toEqual({});
      expect((await raw(scratch, 'GET', '/_sandbox/faults')).body).toEqual([]);
      await putRepository(scratch, 'r');
      expect((await raw(scratch, 'GET', '/_snapshot/r/_all')).body.snapshots).toEqual([]);
    } finally {
      await scratch.close();
    }
  });
});
