import { createDatastore } from './create-datastore.js';
import { DatastoreError } from './datastore-error.js';
import type { SnapshotDatastore } from './snapshot-datastore.js';

// Port 1 on loopback refuses connections: had any request gone out, the error would be 'unreachable'.
const flavours = ['elasticsearch', 'opensearch'] as const;

async function kindOf(call: () => Promise<unknown>): Promise<string> {
  const error = await call().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DatastoreError);
  return (error as DatastoreError).kind;
}

describe.each(flavours)('%s adapter refuses before any request', (type) => {
  let datastore: SnapshotDatastore;
  beforeAll(() => {
    datastore = createDatastore({ type, urls: ['http://127.0.0.1:1'], requestTimeoutMs: 1000 });
  });
  afterAll(() => datastore.close());

  it('proves the port is refused (the control)', async () => {
    expect(await kindOf(() => datastore.info())).toBe('unreachable');
  });

  it('refuses a snapshot of an empty index list (it would snapshot the whole cluster)', async () => {
    expect(
      await kindOf(() =>
        datastore.createSnapshot({ repository: 'r', snapshot: 's', indices: [], includeGlobalState: false }),
      ),
    ).toBe('bad_request');
  });

  it('refuses a restore with an explicitly empty index list', async () => {
    expect(
      await kindOf(() => datastore.restoreSnapshot({ repository: 'r', snapshot: 's', indices: [] })),
    ).toBe('bad_request');
  });

  it.each([['*'], ['camunda_*'], ['a,b'], ['_all'], ['-x'], [''], ['ok', 'x*']])(
    'refuses to delete snapshots %j (a pattern could widen the delete)',
    async (...names) => {
      expect(await kindOf(() => datastore.deleteSnapshots('r', names))).toBe('bad_request');
    },
  );

  it.each([['*'], ['operate-*'], ['a,b'], ['_all'], ['-x']])('refuses to delete indices %j', async (name) => {
    expect(await kindOf(() => datastore.deleteIndices([name]))).toBe('bad_request');
  });

  it('does nothing for empty lists', async () => {
    await datastore.deleteSnapshots('r', []);
    await datastore.deleteIndices([]);
    expect(await datastore.listIndices([])).toEqual([]);
    expect(await datastore.getSnapshots('r', [])).toEqual([]);
    expect(await datastore.countDocuments([])).toBe(0);
  });
});

it('sends feature_states only to Elasticsearch', async () => {
  const { createSnapshotBody } = await import('./create-snapshot-body.js');
  const request = {
    repository: 'r',
    snapshot: 's',
    indices: ['a'],
    includeGlobalState: true,
    featureStates: ['none'],
    metadata: { backupId: 1n },
  };
  expect(createSnapshotBody(request, 'elasticsearch')).toEqual({
    indices: ['a'],
    include_global_state: true,
    feature_states: ['none'],
    metadata: { backupId: 1n },
  });
  expect(createSnapshotBody(request, 'opensearch')).not.toHaveProperty('feature_states');
});
