import { errors } from '@elastic/elasticsearch';
import type { SandboxHandle } from '../support/sandbox.js';
import {
  esClient,
  parseExact,
  putRepository,
  raw,
  seedIndex,
  startSandbox,
  waitForSnapshot,
} from './helpers.js';

describe('snapshots (elasticsearch flavour)', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox();
    await putRepository(sandbox, 'repo');
    await seedIndex(sandbox, 'alpha', 3);
    await seedIndex(sandbox, 'beta', 2, { number_of_shards: 2 });
    await seedIndex(sandbox, 'gamma', 0);
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('creates with wait_for_completion through the ES client and renders SnapshotInfo in ES field order', async () => {
    const response = await esClient(sandbox).snapshot.create({
      repository: 'repo',
      snapshot: 'full-1',
      wait_for_completion: true,
      indices: 'alpha,beta',
      include_global_state: false,
      metadata: { taken_by: 'test' },
    });
    const info = response.snapshot!;
    expect(Object.keys(info)).toEqual([
      'snapshot',
      'uuid',
      'repository',
      'version_id',
      'version',
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
      'feature_states',
    ]);
    expect(info).toMatchObject({
      snapshot: 'full-1',
      repository: 'repo',
      indices: ['alpha', 'beta'],
      include_global_state: false,
      metadata: { taken_by: 'test' },
      state: 'SUCCESS',
      failures: [],
      shards: { total: 3, failed: 0, successful: 3 },
    });
    expect(info.uuid).toMatch(/^[\w-]{22}$/);
    expect(info.duration_in_millis).toBe(Number(info.end_time_in_millis) - Number(info.start_time_in_millis));
  });

  it('keeps 64-bit integers in metadata exact', async () => {
    const body =
      '{"indices":"alpha","metadata":{"backupId":9223372036854775807,"small":9007199254740993,"f":1.5}}';
    const created = await raw(sandbox, 'PUT', '/_snapshot/repo/big-meta?wait_for_completion=true', body);
    expect(created.status).toBe(200);
    expect(created.text).toContain(
      '"metadata":{"backupId":9223372036854775807,"small":9007199254740993,"f":1.5}',
    );
    const got = await raw(sandbox, 'GET', '/_snapshot/repo/big-meta');
    const exact = parseExact(got.text) as { snapshots: Array<{ metadata: { backupId: { value: string } } }> };
    expect(exact.snapshots[0].metadata.backupId.value).toBe('9223372036854775807');
  });

  // Elasticsearch (and OpenSearch) measure metadata as its compact JSON rendering
  // (CreateSnapshotRequest.metadataSize; CreateSnapshotRequestTests: 512-char key + 506-char value = 1025).
  it('rejects metadata whose JSON rendering exceeds 1024 bytes with the exact validation message', async () => {
    const response = await raw(sandbox, 'PUT', '/_snapshot/repo/too-big', {
      metadata: { x: 'y'.repeat(1100) },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.type).toBe('action_request_validation_exception');
    expect(response.body.error.reason).toBe(
      'Validation Failed: 1: metadata must be smaller than 1024 bytes, but was [1108];',
    );
    const justOver = await raw(sandbox, 'PUT', '/_snapshot/repo/just-over', {
      metadata: { ['k'.repeat(512)]: 'v'.repeat(506) },
    });
    expect(justOver.body.error.reason).toBe(
      'Validation Failed: 1: metadata must be smaller than 1024 bytes, but was [1025];',
    );
    const atLimit = await raw(sandbox, 'PUT', '/_snapshot/repo/at-limit?wait_for_completion=true', {
      indices: 'none-such-*',
      metadata: { ['k'.repeat(512)]: 'v'.repeat(505) },
    });
    expect(atLimit.status).toBe(200);
  });

  it('answers {"accepted":true} without waiting, shows IN_PROGRESS, then SUCCESS', async () => {
    const slow = await startSandbox({ env: { SANDBOX_SNAPSHOT_MIN_MS: '600' } });
    try {
      await putRepository(slow, 'r');
      await seedIndex(slow, 'i', 1);
      const accepted = await esClient(slow).snapshot.create({ repository: 'r', snapshot: 'running' });
      expect(accepted).toEqual({ accepted: true });
      const during = await raw(slow, 'GET', '/_snapshot/r/running');
      const info = during.body.snapshots[0];
      expect(info.state).toBe('IN_PROGRESS');
      expect(info.end_time_in_millis).toBe(0);
      expect(info.end_time).toBe('1970-01-01T00:00:00.000Z');
      expect(info.duration_in_millis).toBe(0);
      expect(info.shards).toEqual({ total: 1, failed: 1, successful: 0 });
      const current = await raw(slow, 'GET', '/_snapshot/r/_current');
      expect(current.body.snapshots.map((s: { snapshot: string }) => s.snapshot)).toEqual(['running']);
      const status = await raw(slow, 'GET', '/_snapshot/_status');
      expect(status.body.snapshots[0]).toMatchObject({
        snapshot: 'running',
        repository: 'r',
        state: 'STARTED',
      });
      expect(status.body.snapshots[0].indices.i.shards['0'].stage).toBe('STARTED');
      const duplicate = await raw(slow, 'PUT', '/_snapshot/r/running');
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.error.type).toBe('snapshot_name_already_in_use_exception');
      expect(duplicate.body.error.reason).toBe(
        '[r:running] Invalid snapshot name [running], snapshot with the same name is already in-progress',
      );
      expect(await waitForSnapshot(slow, 'r', 'running')).toBe('SUCCESS');
      expect((await raw(slow, 'GET', '/_snapshot/_status')).body).toEqual({ snapshots: [] });
    } finally {
      await slow.close();
    }
  });

  it('reports a completed snapshot in the status API', async () => {
    const status = await esClient(sandbox).snapshot.status({ repository: 'repo', snapshot: 'full-1' });
    const entry = status.snapshots[0];
    expect(entry).toMatchObject({
      snapshot: 'full-1',
      repository: 'repo',
      state: 'SUCCESS',
      include_global_state: false,
    });
    expect(entry.shards_stats).toEqual({
      initializing: 0,
      started: 0,
      finalizing: 0,
      done: 3,
      failed: 0,
      total: 3,
    });
    expect(entry.stats.total.file_count).toBeGreaterThan(0);
    expect(entry.stats.total.size_in_bytes).toBeGreaterThan(0);
    expect(entry.indices.beta.shards['1'].stage).toBe('DONE');
    const missing = await raw(sandbox, 'GET', '/_snapshot/repo/nope/_status');
    expect(missing.status).toBe(404);
    expect(missing.body.error.reason).toBe('[repo:nope] is missing');
    expect((await raw(sandbox, 'GET', '/_snapshot/repo/nope/_status?ignore_unavailable=true')).body).toEqual({
      snapshots: [],
    });
  });

  it('rejects a duplicate completed name with "already exists"', async () => {
    const response = await raw(sandbox, 'PUT', '/_snapshot/repo/full-1', { indices: 'alpha' });
    expect(response.status).toBe(400);
    expect(response.body.error.type).toBe('snapshot_name_already_in_use_exception');
    expect(response.body.error.reason).toBe(
      '[repo:full-1] Invalid snapshot name [full-1], snapshot with the same name already exists',
    );
  });

  it('validates snapshot names in Elasticsearch order', async () => {
    const cases: Array<[string, string]> = [
      ['a%20b', 'must not contain whitespace'],
      ['a,b', "must not contain ','"],
      ['a%23b', "must not contain '#'"],
      ['_a', "must not start with '_'"],
      ['_A', "must not start with '_'"],
      ['Ab', 'must be lowercase'],
      ['a*b', `must not contain the following characters [' ','"','*',',','/','<','>','?','\\','|']`],
      ['a%3Fb', `must not contain the following characters [' ','"','*',',','/','<','>','?','\\','|']`],
    ];
    for (const [encoded, description] of cases) {
      const name = decodeURIComponent(encoded);
      const response = await raw(sandbox, 'PUT', `/_snapshot/repo/${encoded}`);
      expect(response.status, name).toBe(400);
      expect(response.body.error.type).toBe('invalid_snapshot_name_exception');
      expect(response.body.error.reason).toBe(
        `[repo:${name}] Invalid snapshot name [${name}], ${description}`,
      );
    }
  });

  it('answers 404 index_not_found_exception for a missing concrete index unless ignore_unavailable', async () => {
    const missing = await raw(sandbox, 'PUT', '/_snapshot/repo/missing-idx', { indices: 'alpha,missing_1' });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      type: 'index_not_found_exception',
      reason: 'no such index [missing_1]',
      'resource.type': 'index_or_alias',
      'resource.id': 'missing_1',
      index_uuid: '_na_',
      index: 'missing_1',
    });
    const ignored = await raw(sandbox, 'PUT', '/_snapshot/repo/missing-ignored?wait_for_completion=true', {
      indices: 'missing_2',
      ignore_unavailable: true,
    });
    expect(ignored.body.snapshot).toMatchObject({
      state: 'SUCCESS',
      indices: [],
      shards: { total: 0, successful: 0 },
    });
  });

  it('resolves wildcards, exclusions and -* in indices', async () => {
    const wildcard = await raw(sandbox, 'PUT', '/_snapshot/repo/wild?wait_for_completion=true', {
      indices: ['*', '-beta'],
    });
    expect(wildcard.body.snapshot.indices).toEqual(['alpha', 'gamma']);
    const none = await raw(sandbox, 'PUT', '/_snapshot/repo/none?wait_for_completion=true', {
      indices: '-*',
    });
    expect(none.body.snapshot.indices).toEqual([]);
    const bad = await raw(sandbox, 'PUT', '/_snapshot/repo/bad-indices', { indices: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.reason).toBe('malformed indices section, should be an array of strings');
  });

  it('gets exact names, lists, wildcards and _all; exact-missing 404 vs wildcard-miss 200', async () => {
    const two = await raw(sandbox, 'GET', '/_snapshot/repo/full-1,big-meta');
    expect(two.body.snapshots.map((s: { snapshot: string }) => s.snapshot).sort()).toEqual([
      'big-meta',
      'full-1',
    ]);
    expect(two.body.total).toBe(2);
    expect(two.body.remaining).toBe(0);
    const missing = await esClient(sandbox)
      .snapshot.get({ repository: 'repo', snapshot: 'nope' })
      .catch((e: errors.ResponseError) => e);
    expect(missing).toBeInstanceOf(errors.ResponseError);
    expect((missing as errors.ResponseError).statusCode).toBe(404);
    expect((missing as errors.ResponseError).body).toMatchObject({
      error: { type: 'snapshot_missing_exception', reason: '[repo:nope] is missing' },
      status: 404,
    });
    const mixed = await raw(sandbox, 'GET', '/_snapshot/repo/nope,full-*');
    expect(mixed.status).toBe(404);
    const ignored = await raw(sandbox, 'GET', '/_snapshot/repo/nope?ignore_unavailable=true');
    expect(ignored.body).toEqual({ snapshots: [], total: 0, remaining: 0 });
    const wildcardMiss = await raw(sandbox, 'GET', '/_snapshot/repo/zzz*');
    expect(wildcardMiss.status).toBe(200);
    expect(wildcardMiss.body).toEqual({ snapshots: [], total: 0, remaining: 0 });
    const excluded = await raw(sandbox, 'GET', '/_snapshot/repo/full-*,-full-1');
    expect(excluded.body.snapshots).toEqual([]);
    const multiRepo = await raw(sandbox, 'GET', '/_snapshot/_all/full-1');
    expect(multiRepo.body.snapshots[0].repository).toBe('repo');
  });

  it('omits what verbose=false omits', async () => {
    const response = await raw(sandbox, 'GET', '/_snapshot/repo/full-1?verbose=false');
    expect(Object.keys(response.body.snapshots[0])).toEqual([
      'snapshot',
      'uuid',
      'repository',
      'indices',
      'data_streams',
      'state',
    ]);
    const rejected = await raw(sandbox, 'GET', '/_snapshot/repo/_all?verbose=false&sort=name&size=1');
    expect(rejected.status).toBe(400);
    expect(rejected.body.error.reason).toBe(
      "Validation Failed: 1: can't use non-default sort with verbose=false; 2: can't use size limit with verbose=false;",
    );
  });

  it('honours include_repository, index_names and index_details', async () => {
    const response = await raw(
      sandbox,
      'GET',
      '/_snapshot/repo/full-1?include_repository=false&index_names=false&index_details=true&human=true',
    );
    const info = response.body.snapshots[0];
    expect(info.repository).toBeUndefined();
    expect(info.indices).toBeUndefined();
    expect(info.index_details.beta).toMatchObject({ shard_count: 2, max_segments_per_shard: 1 });
    expect(info.index_details.beta.size_in_bytes).toBeGreaterThan(0);
    expect(info.duration).toMatch(/ms|s$/);
  });

  it('sorts and paginates with size/next/after/offset and validates the parameters', async () => {
    const page1 = await raw(sandbox, 'GET', '/_snapshot/repo/*?sort=name&size=2');
    const all = (await raw(sandbox, 'GET', '/_snapshot/repo/*?sort=name')).body.snapshots.map(
      (s: { snapshot: string }) => s.snapshot,
    );
    expect([...all].sort()).toEqual(all);
    expect(page1.body.snapshots.map((s: { snapshot: string }) => s.snapshot)).toEqual(all.slice(0, 2));
    expect(page1.body.total).toBe(all.length);
    expect(page1.body.remaining).toBe(all.length - 2);
    expect(Buffer.from(page1.body.next, 'base64url').toString()).toBe(`${all[1]},repo,${all[1]}`);
    const page2 = await raw(sandbox, 'GET', `/_snapshot/repo/*?sort=name&size=2&after=${page1.body.next}`);
    expect(page2.body.snapshots.map((s: { snapshot: string }) => s.snapshot)).toEqual(all.slice(2, 4));
    const desc = await raw(sandbox, 'GET', '/_snapshot/repo/*?sort=name&order=desc&offset=1&size=1');
    expect(desc.body.snapshots[0].snapshot).toBe(all[all.length - 2]);
    const from = await raw(sandbox, 'GET', `/_snapshot/repo/*?sort=name&from_sort_value=${all[2]}`);
    expect(from.body.snapshots.map((s: { snapshot: string }) => s.snapshot)).toEqual(all.slice(2));
    const client = await esClient(sandbox).snapshot.get({
      repository: 'repo',
      snapshot: '*',
      sort: 'name',
      size: 1,
    });
    expect(client.snapshots?.length).toBe(1);

    const badSort = await raw(sandbox, 'GET', '/_snapshot/repo/*?sort=bogus');
    expect(badSort.body.error).toMatchObject({
      type: 'illegal_argument_exception',
      reason: 'unknown sort key [bogus]',
    });
    const badSize = await raw(sandbox, 'GET', '/_snapshot/repo/*?size=0');
    expect(badSize.body.error.reason).toBe('Validation Failed: 1: size must be -1 or greater than 0;');
    const both = await raw(sandbox, 'GET', `/_snapshot/repo/*?offset=1&after=${page1.body.next}`);
    expect(both.body.error.reason).toBe("Validation Failed: 1: can't use after and offset simultaneously;");
    const badAfter = await raw(sandbox, 'GET', '/_snapshot/repo/*?after=Zm9v');
    expect(badAfter.body.error.reason).toBe('invalid ?after parameter [Zm9v]');
  });

  it('deletes: exact-missing 404 deletes nothing, wildcard-miss 200, lists work', async () => {
    await raw(sandbox, 'PUT', '/_snapshot/repo/del-a?wait_for_completion=true', { indices: 'alpha' });
    await raw(sandbox, 'PUT', '/_snapshot/repo/del-b?wait_for_completion=true', { indices: 'alpha' });
    const missing = await raw(sandbox, 'DELETE', '/_snapshot/repo/del-a,nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.reason).toBe('[repo:nope] is missing');
    expect((await raw(sandbox, 'GET', '/_snapshot/repo/del-a')).status).toBe(200);
    expect((await raw(sandbox, 'DELETE', '/_snapshot/repo/nothing-here*')).body).toEqual({
      acknowledged: true,
    });
    const deleted = await esClient(sandbox).snapshot.delete({
      repository: 'repo',
      snapshot: 'del-a,del-b',
    });
    expect(deleted).toEqual({ acknowledged: true });
    expect((await raw(sandbox, 'GET', '/_snapshot/repo/del-*')).body.snapshots).toEqual([]);
    expect((await raw(sandbox, 'DELETE', '/_snapshot/repo/del-a?wait_for_completion=false')).status).toBe(
      404,
    );
  });

  it('aborts an in-progress snapshot on delete; it is gone afterwards', async () => {
    const slow = await startSandbox({ env: { SANDBOX_SNAPSHOT_MIN_MS: '5000' } });
    try {
      await putRepository(slow, 'r');
      await seedIndex(slow, 'i', 1);
      await raw(slow, 'PUT', '/_snapshot/r/abort-me');
      const waiting = raw(slow, 'PUT', '/_snapshot/r/abort-me-2?wait_for_completion=true');
      await new Promise((r) => setTimeout(r, 100));
      expect((await raw(slow, 'DELETE', '/_snapshot/r/abort-*')).body).toEqual({ acknowledged: true });
      const finished = await waiting;
      expect(finished.body.snapshot.state).toBe('FAILED');
      expect((await raw(slow, 'GET', '/_snapshot/r/_all')).body.snapshots).toEqual([]);
      expect((await raw(slow, 'GET', '/_snapshot/r/abort-me')).status).toBe(404);
    } finally {
      await slow.close();
    }
  });

  it('refuses to delete or close an index that is being snapshotted', async () => {
    const slow = await startSandbox({ env: { SANDBOX_SNAPSHOT_MIN_MS: '5000' } });
    try {
      await putRepository(slow, 'r');
      await seedIndex(slow, 'busy', 1);
      await raw(slow, 'PUT', '/_snapshot/r/s');
      const response = await raw(slow, 'DELETE', '/busy');
      expect(response.status).toBe(400);
      expect(response.body.error.type).toBe('snapshot_in_progress_exception');
      const repoDelete = await raw(slow, 'DELETE', '/_snapshot/r');
      expect(repoDelete.status).toBe(409);
      expect(repoDelete.body.error.type).toBe('repository_conflict_exception');
    } finally {
      await slow.close();
    }
  });

  it('enforces the concurrency limit with 503 concurrent_snapshot_execution_exception', async () => {
    const limited = await startSandbox({
      env: { SANDBOX_SNAPSHOT_MIN_MS: '5000', SANDBOX_MAX_CONCURRENT_SNAPSHOT_OPERATIONS: '1' },
    });
    try {
      await putRepository(limited, 'r');
      await esClient(limited).snapshot.create({ repository: 'r', snapshot: 'first' });
      const error = await esClient(limited)
        .snapshot.create({ repository: 'r', snapshot: 'second' })
        .catch((e: errors.ResponseError) => e);
      expect(error).toBeInstanceOf(errors.ResponseError);
      expect((error as errors.ResponseError).statusCode).toBe(503);
      expect((error as errors.ResponseError).body).toMatchObject({
        error: {
          type: 'concurrent_snapshot_execution_exception',
          reason:
            '[r:second] Cannot start another operation, already running [1] operations and the current limit for concurrent snapshot operations is set to [1]',
        },
        status: 503,
      });
    } finally {
      await limited.close();
    }
  });

  it('clones a snapshot with required indices', async () => {
    const client = esClient(sandbox);
    expect(
      await client.snapshot.clone({
        repository: 'repo',
        snapshot: 'full-1',
        target_snapshot: 'clone-1',
        indices: 'beta',
      }),
    ).toEqual({ acknowledged: true });
    const clone = (await raw(sandbox, 'GET', '/_snapshot/repo/clone-1')).body.snapshots[0];
    expect(clone).toMatchObject({ indices: ['beta'], state: 'SUCCESS', shards: { total: 2, successful: 2 } });
    const noBody = await raw(sandbox, 'PUT', '/_snapshot/repo/full-1/_clone/clone-2');
    expect(noBody.status).toBe(400);
    const noMatch = await raw(sandbox, 'PUT', '/_snapshot/repo/full-1/_clone/clone-3', { indices: 'zzz*' });
    expect(noMatch.status).toBe(500);
    expect(noMatch.body.error.type).toBe('snapshot_exception');
    const missingSource = await raw(sandbox, 'PUT', '/_snapshot/repo/nope/_clone/clone-4', { indices: '*' });
    expect(missingSource.status).toBe(404);
    expect(missingSource.body.error.type).toBe('snapshot_missing_exception');
  });
});
