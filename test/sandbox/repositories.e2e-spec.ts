import type { SandboxHandle } from '../support/sandbox.js';
import { esClient, osClient, putRepository, raw, startSandbox } from './helpers.js';

describe('repositories (elasticsearch flavour)', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('registers an fs repository through the ES client and reads it back with uuid and string settings', async () => {
    const client = esClient(sandbox);
    const ack = await client.snapshot.createRepository({
      name: 'repo1',
      repository: { type: 'fs', settings: { location: 'repo1', compress: true } },
    });
    expect(ack).toEqual({ acknowledged: true });
    const got = await client.snapshot.getRepository({ name: 'repo1' });
    expect(got.repo1.type).toBe('fs');
    expect(got.repo1.uuid).toMatch(/^[\w-]{22}$/);
    expect(got.repo1.settings).toEqual({ location: 'repo1', compress: 'true' });
  });

  it('gives the same uuid to a second registration of the same location', async () => {
    await putRepository(sandbox, 'same-a', 'shared-loc');
    await putRepository(sandbox, 'same-b', 'shared-loc');
    const got = await raw(sandbox, 'GET', '/_snapshot/same-a,same-b');
    expect(got.body['same-a'].uuid).toBe(got.body['same-b'].uuid);
  });

  it('lists with _all, wildcards, exclusions; no-match wildcard is {}', async () => {
    await putRepository(sandbox, 'list-x');
    await putRepository(sandbox, 'list-y');
    expect(Object.keys((await raw(sandbox, 'GET', '/_snapshot/list-*')).body)).toEqual(['list-x', 'list-y']);
    expect(Object.keys((await raw(sandbox, 'GET', '/_snapshot/list-*,-list-y')).body)).toEqual(['list-x']);
    expect((await raw(sandbox, 'GET', '/_snapshot/nomatch*')).body).toEqual({});
    const all = await raw(sandbox, 'GET', '/_snapshot/_all');
    expect(Object.keys(all.body)).toContain('list-x');
    expect(Object.keys((await raw(sandbox, 'GET', '/_snapshot')).body)).toEqual(Object.keys(all.body));
  });

  it('answers repository_missing_exception 404 on every operation on an unknown repository', async () => {
    for (const [method, path] of [
      ['GET', '/_snapshot/ghost'],
      ['DELETE', '/_snapshot/ghost'],
      ['POST', '/_snapshot/ghost/_verify'],
      ['POST', '/_snapshot/ghost/_cleanup'],
      ['GET', '/_snapshot/ghost/_all'],
      ['GET', '/_snapshot/ghost/_status'],
      ['PUT', '/_snapshot/ghost/snap'],
      ['DELETE', '/_snapshot/ghost/snap'],
      ['POST', '/_snapshot/ghost/snap/_restore'],
    ]) {
      const response = await raw(sandbox, method, path);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.type).toBe('repository_missing_exception');
      expect(response.body.error.reason).toBe('[ghost] missing');
    }
    const two = await raw(sandbox, 'GET', '/_snapshot/ghost1,ghost2');
    expect(two.body.error.reason).toBe('[ghost1, ghost2] missing');
  });

  it('rejects a missing type with action_request_validation_exception', async () => {
    const response = await raw(sandbox, 'PUT', '/_snapshot/notype', { settings: { location: 'x' } });
    expect(response.status).toBe(400);
    expect(response.body.error.type).toBe('action_request_validation_exception');
    expect(response.body.error.reason).toBe('Validation Failed: 1: type is missing;');
  });

  it('rejects an unknown type and a bad location with nested repository_exception 500', async () => {
    const unknown = await raw(sandbox, 'PUT', '/_snapshot/weird', { type: 'foo', settings: {} });
    expect(unknown.status).toBe(500);
    expect(unknown.body.error.type).toBe('repository_exception');
    expect(unknown.body.error.reason).toBe('[weird] repository type [foo] does not exist');

    const missing = await raw(sandbox, 'PUT', '/_snapshot/noloc', { type: 'fs', settings: {} });
    expect(missing.status).toBe(500);
    expect(missing.body.error.reason).toBe('[noloc] failed to create repository');
    expect(missing.body.error.caused_by.reason).toBe('[noloc] missing location');
    expect(missing.body.error.root_cause[0]).toEqual({
      type: 'repository_exception',
      reason: '[noloc] missing location',
    });

    const outside = await raw(sandbox, 'PUT', '/_snapshot/outside', {
      type: 'fs',
      settings: { location: '/etc' },
    });
    expect(outside.status).toBe(500);
    expect(outside.body.error.root_cause[0].reason).toBe(
      "[outside] location [/etc] doesn't match any of the locations specified by path.repo",
    );
  });

  it('validates repository names', async () => {
    const hash = await raw(sandbox, 'PUT', '/_snapshot/a%23b', { type: 'fs', settings: { location: 'x' } });
    expect(hash.status).toBe(500);
    expect(hash.body.error.reason).toBe("[a#b] must not contain '#'");
  });

  it('verifies, cleans up and deletes repositories', async () => {
    await putRepository(sandbox, 'tmp-repo');
    const verify = await esClient(sandbox).snapshot.verifyRepository({ name: 'tmp-repo' });
    expect(Object.values(verify.nodes)[0].name).toBeTruthy();
    const cleanup = await esClient(sandbox).snapshot.cleanupRepository({ name: 'tmp-repo' });
    expect(cleanup).toEqual({ results: { deleted_bytes: 0, deleted_blobs: 0 } });
    expect(await esClient(sandbox).snapshot.deleteRepository({ name: 'tmp-repo' })).toEqual({
      acknowledged: true,
    });
    expect((await raw(sandbox, 'GET', '/_snapshot/tmp-repo')).status).toBe(404);
    const wildcardMiss = await raw(sandbox, 'DELETE', '/_snapshot/none-such*');
    expect(wildcardMiss.status).toBe(404);
  });
});

describe('repositories (opensearch flavour)', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ flavor: 'opensearch' });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('registers and reads a repository without uuid through the OpenSearch client', async () => {
    const client = osClient(sandbox);
    await client.snapshot.createRepository({
      repository: 'os-repo',
      body: { type: 'fs', settings: { location: 'os' } },
    });
    const got = await client.snapshot.getRepository({ repository: 'os-repo' });
    expect(got.body).toEqual({ 'os-repo': { type: 'fs', settings: { location: 'os' } } });
  });

  it('answers repository_missing_exception through the OpenSearch client', async () => {
    const error = await osClient(sandbox)
      .snapshot.getRepository({ repository: 'nothing' })
      .catch((e: { statusCode: number; body: { error: { type: string } } }) => e);
    expect(error).toMatchObject({
      statusCode: 404,
      body: { error: { type: 'repository_missing_exception' } },
    });
  });
});
