import { errors as es } from '@elastic/elasticsearch';
import { errors as os } from '@opensearch-project/opensearch';
import { DatastoreError } from './datastore-error.js';
import { ElasticsearchErrorMapper } from './elasticsearch/elasticsearch-error-mapper.js';
import { OpenSearchErrorMapper } from './opensearch/opensearch-error-mapper.js';

/** The envelope both datastores answer with (facts §4.1). */
function errorBody(
  status: number,
  type: string,
  reason: string,
  causedBy?: { type: string; reason: string },
) {
  return {
    error: { root_cause: [{ type, reason }], type, reason, ...(causedBy ? { caused_by: causedBy } : {}) },
    status,
  };
}

function diagnostic(statusCode: number, body: unknown) {
  return {
    body,
    statusCode,
    headers: { 'content-type': 'application/json' },
    warnings: null,
    meta: {
      context: null,
      name: 'elasticsearch-js',
      request: { params: { method: 'PUT', path: '/_snapshot/repo/snap' }, options: {}, id: 1 },
      connection: null,
      attempts: 0,
      aborted: false,
    },
  };
}

type Diagnostic = ReturnType<typeof diagnostic>;
type EsDiagnostic = ConstructorParameters<typeof es.ResponseError>[0];
type OsDiagnostic = ConstructorParameters<typeof os.ResponseError>[0];

const flavours = [
  {
    name: 'elasticsearch',
    mapper: new ElasticsearchErrorMapper(['s3cret']),
    response: (status: number, body: unknown) =>
      new es.ResponseError(diagnostic(status, body) as EsDiagnostic),
    refused: () =>
      new es.ConnectionError(
        'connect ECONNREFUSED 127.0.0.1:9200',
        diagnostic(0, null) as Diagnostic as EsDiagnostic,
      ),
    reset: () => new es.ConnectionError('socket hang up'),
    timeout: () => new es.TimeoutError('Request timed out'),
    noLiving: () =>
      new es.NoLivingConnectionsError(
        'There are no living connections',
        diagnostic(0, null) as Diagnostic as EsDiagnostic,
      ),
  },
  {
    name: 'opensearch',
    mapper: new OpenSearchErrorMapper(['s3cret']),
    response: (status: number, body: unknown) =>
      new os.ResponseError(diagnostic(status, body) as unknown as OsDiagnostic),
    refused: () => new os.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200'),
    reset: () => new os.ConnectionError('read ECONNRESET'),
    timeout: () => new os.TimeoutError('Request timed out', diagnostic(0, null) as unknown as OsDiagnostic),
    noLiving: () =>
      new os.NoLivingConnectionsError(
        'There are no living connections',
        diagnostic(0, null) as unknown as OsDiagnostic,
      ),
  },
];

describe.each(flavours)('$name error mapper', (flavour) => {
  const map = (error: unknown) => flavour.mapper.map('create snapshot [repo:snap]', error);

  it.each([
    [404, 'repository_missing_exception', '[repo] missing', 'repository_missing'],
    [404, 'snapshot_missing_exception', '[repo:snap] is missing', 'snapshot_missing'],
    [
      400,
      'snapshot_name_already_in_use_exception',
      '[repo:snap] Invalid snapshot name [snap], snapshot with the same name already exists',
      'duplicate_snapshot',
    ],
    [
      400,
      'invalid_snapshot_name_exception',
      '[repo:snap] Invalid snapshot name [snap], snapshot with the same name is already in-progress',
      'duplicate_snapshot',
    ],
    [
      400,
      'invalid_snapshot_name_exception',
      '[repo:Snap] Invalid snapshot name [Snap], must be lowercase',
      'bad_request',
    ],
    [
      503,
      'concurrent_snapshot_execution_exception',
      '[repo:snap] Cannot start another operation, already running [1000] operations and the current limit for concurrent snapshot operations is set to [1000]',
      'concurrent_operation',
    ],
    [404, 'index_not_found_exception', 'no such index [missing_1]', 'index_missing'],
    [
      500,
      'snapshot_restore_exception',
      '[repo:snap/uuid] cannot restore index [idx] because an open index with same name already exists in the cluster',
      'restore_refused',
    ],
    [
      400,
      'illegal_argument_exception',
      'request [/_snapshot/repo/snap] contains unrecognized parameter: [size]',
      'bad_request',
    ],
    [401, 'security_exception', 'missing authentication credentials for REST request [/]', 'unauthorized'],
    [403, 'security_exception', 'action [cluster:admin/snapshot/create] is unauthorized', 'unauthorized'],
    [429, 'es_rejected_execution_exception', 'rejected execution', 'unavailable'],
    [503, 'master_not_discovered_exception', 'no master', 'unavailable'],
    [500, 'snapshot_exception', "[repo:snap/uuid] Indices don't have primary shards [idx]", 'other'],
  ])('%i %s → %s', (status, type, reason, kind) => {
    const error = map(flavour.response(status, errorBody(status, type, reason)));
    expect(error).toBeInstanceOf(DatastoreError);
    expect(error.kind).toBe(kind);
    expect(error.type).toBe(type);
    expect(error.reason).toBe(reason);
    expect(error.statusCode).toBe(status);
    expect(error.message).toContain('create snapshot [repo:snap]');
    expect(error.message).toContain(`${type}: ${reason}`);
  });

  it('keeps the cause of a wrapped error in the message and maps the rest to other', () => {
    const body = errorBody(500, 'repository_exception', '[repo] failed to create repository', {
      type: 'repository_exception',
      reason: "[repo] location [/x] doesn't match any of the locations specified by path.repo",
    });
    const error = map(flavour.response(500, body));
    expect(error.kind).toBe('other');
    expect(error.message).toContain('caused by repository_exception: [repo] location [/x]');
  });

  it.each([502, 503, 504])('%i without an error envelope (a proxy) → unavailable', (status) => {
    const error = map(flavour.response(status, '<html>Bad Gateway</html>'));
    expect(error.kind).toBe('unavailable');
    expect(error.statusCode).toBe(status);
    expect(error.isTransient).toBe(true);
  });

  it.each(['refused', 'reset', 'timeout', 'noLiving'] as const)('%s → unreachable', (which) => {
    const error = map(flavour[which]());
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/^create snapshot \[repo:snap\] failed: the datastore is unreachable/);
  });

  it('never shows credentials', () => {
    const error = map(flavour.refused());
    const leaky = map(new Error('connect ECONNREFUSED for https://elastic:s3cret@db.example:9200/_snapshot'));
    expect(error.message).not.toContain('s3cret');
    expect(leaky.kind).toBe('other');
    expect(leaky.message).toContain('https://db.example:9200/_snapshot');
    expect(leaky.message).not.toContain('s3cret');
    expect(leaky.message).not.toContain('elastic:');
  });

  it('passes a DatastoreError through unchanged', () => {
    const original = new DatastoreError('bad_request', 'refused');
    expect(map(original)).toBe(original);
  });
});

it('reports an Elasticsearch client talking to something else as other', () => {
  const error = new ElasticsearchErrorMapper().map(
    'get datastore info',
    new es.ProductNotSupportedError('Elasticsearch'),
  );
  expect(error.kind).toBe('other');
  expect(error.message).toContain('did not identify itself as Elasticsearch');
});
