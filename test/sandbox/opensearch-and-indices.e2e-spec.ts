import type { SandboxHandle } from '../support/sandbox.js';
import { esClient, osClient, putRepository, raw, seedIndex, startSandbox } from './helpers.js';

describe('snapshots (opensearch flavour)', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ flavor: 'opensearch' });
    await putRepository(sandbox, 'repo');
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('answers 404 for a wildcard on an empty repository, 200 for _all', async () => {
    const star = await raw(sandbox, 'GET', '/_snapshot/repo/*');
    expect(star.status).toBe(404);
    expect(star.body.error).toMatchObject({
      type: 'snapshot_missing_exception',
      reason: '[repo:*] is missing',
    });
    expect((await raw(sandbox, 'GET', '/_snapshot/repo/_all')).body).toEqual({ snapshots: [] });
    expect((await raw(sandbox, 'GET', '/_snapshot/repo/x*?ignore_unavailable=true')).body).toEqual({
      snapshots: [],
    });
  });

  it('creates through the OpenSearch client and renders OpenSearch SnapshotInfo', async () => {
    await seedIndex(sandbox, 'osidx', 2);
    const created = await osClient(sandbox).snapshot.create({
      repository: 'repo',
      snapshot: 'os-1',
      wait_for_completion: true,
      body: { indices: 'osidx', metadata: { backupId: 1 } },
    });
    const info = created.body.snapshot as Record<string, unknown>;
    expect(Object.keys(info)).toEqual([
      'snapshot',
      'uuid',
      'version_id',
      'version',
      'remote_store_index_shallow_copy',
      'indices',
      'data_streams',
      'include_global_state',
      'metadata',
      'state',
      'start_time',
      'start_time_in_millis',
      'end_time',
      'end_time_in_millis',
      'duration_in_millis',
      'failures',
      'shards',
    ]);
    expect(info.version).toMatch(/^2\.19\.\d+$/);
    expect(info.version_id).toBe(2190199 ^ 0x08000000);
    const got = await osClient(sandbox).snapshot.get({ repository: 'repo', snapshot: 'os-*' });
    expect(Object.keys(got.body)).toEqual(['snapshots']);
  });

  it('uses invalid_snapshot_name_exception for duplicates', async () => {
    const response = await raw(sandbox, 'PUT', '/_snapshot/repo/os-1');
    expect(response.status).toBe(400);
    expect(response.body.error.type).toBe('invalid_snapshot_name_exception');
    expect(response.body.error.reason).toBe(
      '[repo:os-1] Invalid snapshot name [os-1], snapshot with the same name already exists',
    );
  });

  it('rejects ES-only parameters as unrecognized', async () => {
    for (const query of ['size=1', 'sort=name', 'index_details=true', 'include_repository=false']) {
      const response = await raw(sandbox, 'GET', `/_snapshot/repo/_all?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.type).toBe('illegal_argument_exception');
      expect(response.body.error.reason).toContain(
        `request [/_snapshot/repo/_all] contains unrecognized parameter: [${query.split('=')[0]}]`,
      );
    }
    const del = await raw(sandbox, 'DELETE', '/_snapshot/repo/os-1?wait_for_completion=true');
    expect(del.status).toBe(400);
  });

  it('treats a comma list of repositories on GET snapshots as one missing name', async () => {
    const response = await raw(sandbox, 'GET', '/_snapshot/repo,other/_all');
    expect(response.status).toBe(404);
    expect(response.body.error.type).toBe('repository_missing_exception');
  });

  it('allows wildcard index deletion (destructive_requires_name is false in OpenSearch)', async () => {
    await seedIndex(sandbox, 'tmp-1', 0);
    expect((await raw(sandbox, 'DELETE', '/tmp-*')).body).toEqual({ acknowledged: true });
  });
});

describe('indices and documents (elasticsearch flavour)', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('creates, reads and rejects duplicate indices', async () => {
    const client = esClient(sandbox);
    expect(
      await client.indices.create({ index: 'one', settings: { number_of_shards: 2 }, aliases: { a1: {} } }),
    ).toEqual({
      acknowledged: true,
      shards_acknowledged: true,
      index: 'one',
    });
    const got = await client.indices.get({ index: 'one' });
    expect(got.one.settings?.index?.number_of_shards).toBe('2');
    expect(got.one.aliases).toEqual({ a1: {} });
    expect(await client.indices.exists({ index: 'one' })).toBe(true);
    expect(await client.indices.exists({ index: 'two' })).toBe(false);
    const duplicate = await raw(sandbox, 'PUT', '/one');
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.type).toBe('resource_already_exists_exception');
    expect(duplicate.body.error.reason).toMatch(/^index \[one\/[\w-]+\] already exists$/);
  });

  it('validates index names as Elasticsearch does', async () => {
    const cases: Array<[string, string]> = [
      ['Upper', 'must be lowercase'],
      ['_under', "must not start with '_', '-', or '+'"],
      ['-dash', "must not start with '_', '-', or '+'"],
      ['a%23b', "must not contain '#'"],
      ['a%3Fb', `must not contain the following characters [' ','"','*',',','/','<','>','?','\\','|']`],
      ['x'.repeat(256), 'index name is too long, (256 > 255)'],
    ];
    for (const [encoded, description] of cases) {
      const name = decodeURIComponent(encoded);
      const response = await raw(sandbox, 'PUT', `/${encoded}`);
      expect(response.status, name).toBe(400);
      expect(response.body.error.type).toBe('invalid_index_name_exception');
      expect(response.body.error.reason).toBe(`Invalid index name [${name}], ${description}`);
    }
  });

  it('indexes, gets, counts, bulks and auto-creates', async () => {
    const client = esClient(sandbox);
    const created = await client.index({ index: 'auto', id: '1', document: { a: 1 } });
    expect(created.result).toBe('created');
    expect((await client.index({ index: 'auto', id: '1', document: { a: 2 } })).result).toBe('updated');
    expect((await client.get({ index: 'auto', id: '1' }))['_source']).toEqual({ a: 2 });
    const generated = await client.index({ index: 'auto', document: { a: 3 } });
    expect(generated['_id']).toBeTruthy();
    const bulk = await client.bulk({
      operations: [
        { index: { _index: 'auto', _id: 'b1' } },
        { b: 1 },
        { create: { _index: 'auto', _id: '1' } },
        { c: 1 },
        { delete: { _index: 'auto', _id: 'zz' } },
      ],
    });
    expect(bulk.errors).toBe(true);
    expect(bulk.items[0].index?.status).toBe(201);
    expect(bulk.items[1].create?.status).toBe(409);
    expect(bulk.items[1].create?.error?.type).toBe('version_conflict_engine_exception');
    expect(bulk.items[2].delete?.result).toBe('not_found');
    await client.indices.refresh({ index: 'auto' });
    expect((await client.count({ index: 'auto' })).count).toBe(3);
    const missingDoc = await raw(sandbox, 'GET', '/auto/_doc/none');
    expect(missingDoc.status).toBe(404);
    expect(missingDoc.body).toEqual({ _index: 'auto', _id: 'none', found: false });
  });

  it('closes and opens indices; document operations on a closed index fail', async () => {
    await seedIndex(sandbox, 'closing', 1);
    await esClient(sandbox).indices.close({ index: 'closing' });
    const response = await raw(sandbox, 'GET', '/closing/_doc/0');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      type: 'index_closed_exception',
      reason: 'closed',
      index: 'closing',
    });
    const cat = await raw(sandbox, 'GET', '/_cat/indices/closing?format=json');
    expect(cat.body[0]).toMatchObject({ status: 'close', index: 'closing' });
    await esClient(sandbox).indices.open({ index: 'closing' });
    expect((await raw(sandbox, 'GET', '/closing/_count')).body.count).toBe(1);
  });

  it('resolves wildcards, hidden indices, exclusions and expand_wildcards', async () => {
    await seedIndex(sandbox, 'logs-1', 0);
    await seedIndex(sandbox, 'logs-2', 0);
    await raw(sandbox, 'PUT', '/logs-hidden', { settings: { 'index.hidden': true } });
    await seedIndex(sandbox, '.dot', 0);
    expect(Object.keys((await raw(sandbox, 'GET', '/logs-*')).body)).toEqual(['logs-1', 'logs-2']);
    expect(Object.keys((await raw(sandbox, 'GET', '/logs-*?expand_wildcards=all')).body)).toEqual([
      'logs-1',
      'logs-2',
      'logs-hidden',
    ]);
    expect(Object.keys((await raw(sandbox, 'GET', '/logs-*,-logs-1')).body)).toEqual(['logs-2']);
    expect(Object.keys((await raw(sandbox, 'GET', '/.d*')).body)).toEqual(['.dot']);
    expect((await raw(sandbox, 'GET', '/logs-*?expand_wildcards=none')).body).toEqual({});
    expect((await raw(sandbox, 'GET', '/logs-1,missing')).status).toBe(404);
    expect(Object.keys((await raw(sandbox, 'GET', '/logs-1,missing?ignore_unavailable=true')).body)).toEqual([
      'logs-1',
    ]);
    const cat = await esClient(sandbox).cat.indices({ index: 'logs-*', format: 'json' });
    expect(cat.map((r) => r.index).sort()).toEqual(['logs-1', 'logs-2', 'logs-hidden']);
    expect(Object.keys(cat[0])).toEqual([
      'health',
      'status',
      'index',
      'uuid',
      'pri',
      'rep',
      'docs.count',
      'docs.deleted',
      'store.size',
      'pri.store.size',
      'dataset.size',
    ]);
    expect((await raw(sandbox, 'GET', '/_alias')).status).toBe(200);
  });

  it('deletes indices by name and list; wildcards need destructive_requires_name=false', async () => {
    await seedIndex(sandbox, 'del-1', 0);
    await seedIndex(sandbox, 'del-2', 0);
    const wildcard = await raw(sandbox, 'DELETE', '/del-*');
    expect(wildcard.status).toBe(400);
    expect(wildcard.body.error.reason).toBe('Wildcard expressions or all indices are not allowed');
    expect((await raw(sandbox, 'DELETE', '/del-1,del-2')).body).toEqual({ acknowledged: true });
    const missing = await raw(sandbox, 'DELETE', '/del-1');
    expect(missing.status).toBe(404);
    expect(missing.body.error.type).toBe('index_not_found_exception');
  });
});
