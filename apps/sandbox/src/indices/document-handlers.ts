import type { SandboxContext } from '../context.js';
import { isPlainObject } from '../common/json.js';
import { illegalArgument } from '../http/errors.js';
import { ok, type Reply } from '../http/reply.js';
import type { SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { deleteDoc, type OpType, writableIndex, writeDoc } from './documents.js';
import { resolveRequestIndices } from './index-handlers.js';
import { shardCount, type StoredDoc } from './index-store.js';
import { EXPAND_OPEN } from './multi-target.js';
import { requireActivePrimariesForSearch, requireActivePrimaryForGet } from './shard-availability.js';

const WRITE_PARAMS = [
  'op_type',
  'refresh',
  'routing',
  'timeout',
  'version',
  'version_type',
  'if_seq_no',
  'if_primary_term',
  'pipeline',
  'require_alias',
  'wait_for_active_shards',
];
const GET_PARAMS = [
  'preference',
  'realtime',
  'refresh',
  'routing',
  'stored_fields',
  'version',
  'version_type',
];
const COUNT_PARAMS = [
  'ignore_unavailable',
  'allow_no_indices',
  'expand_wildcards',
  'ignore_throttled',
  'min_score',
  'preference',
  'routing',
  'terminate_after',
];

/** Single-document APIs and `_count`. */
export function registerDocumentRoutes(router: Router, ctx: SandboxContext): void {
  router.add(['PUT', 'POST'], '/{index}/_doc/{id}', WRITE_PARAMS, (req) => indexDoc(ctx, req, req.params.id));
  router.add('POST', '/{index}/_doc', WRITE_PARAMS, (req) => indexDoc(ctx, req, undefined));
  router.add(['PUT', 'POST'], '/{index}/_create/{id}', WRITE_PARAMS, (req) =>
    indexDoc(ctx, req, req.params.id, 'create'),
  );
  router.add(
    'GET',
    '/{index}/_doc/{id}',
    [...GET_PARAMS, '_source', '_source_includes', '_source_excludes'],
    (req) => getDoc(ctx, req),
  );
  router.add('HEAD', '/{index}/_doc/{id}', GET_PARAMS, (req) => ({ status: getDoc(ctx, req).status }));
  router.add('DELETE', '/{index}/_doc/{id}', WRITE_PARAMS, (req) => {
    const index = writableIndex(ctx, req.params.index, req.bool('require_alias', false));
    const result = deleteDoc(index, req.params.id);
    ctx.indices.save(index);
    return { status: result.status, body: result.body };
  });
  router.add(['GET', 'POST'], '/_count', COUNT_PARAMS, (req) => count(ctx, req));
  router.add(['GET', 'POST'], '/{index}/_count', COUNT_PARAMS, (req) => count(ctx, req));
}

function indexDoc(ctx: SandboxContext, req: SandboxRequest, id: string | undefined, forced?: OpType): Reply {
  const opType = forced ?? req.param('op_type') ?? 'index';
  if (opType !== 'index' && opType !== 'create')
    throw illegalArgument(`opType must be 'create' or 'index', found: [${opType}]`);
  const index = writableIndex(ctx, req.params.index, req.bool('require_alias', false));
  if (id === '') throw illegalArgument('if _id is specified it must not be empty');
  const result = writeDoc(index, id, req.json(), opType);
  ctx.indices.save(index);
  return { status: result.status, body: result.body };
}

function getDoc(ctx: SandboxContext, req: SandboxRequest): Reply {
  const index = ctx.indices.requireOpen(req.params.index);
  requireActivePrimaryForGet(index, req.params.id, req.param('routing'));
  const doc = index.docs.get(req.params.id);
  if (!doc) return { status: 404, body: { _index: index.name, _id: req.params.id, found: false } };
  const body: Record<string, unknown> = {
    _index: index.name,
    _id: req.params.id,
    _version: doc.version,
    _seq_no: doc.seqNo,
    _primary_term: 1,
    found: true,
  };
  if (req.param('_source') !== 'false') body['_source'] = doc.source;
  return ok(body);
}

function count(ctx: SandboxContext, req: SandboxRequest): Reply {
  const indices = resolveRequestIndices(ctx, req, EXPAND_OPEN).map((i) => ctx.indices.requireOpen(i.name));
  requireActivePrimariesForSearch(indices);
  const body = req.json();
  const query = isPlainObject(body) ? body.query : undefined;
  const matches = compileQuery(query);
  let total = 0;
  for (const index of indices) for (const [id, doc] of index.docs) if (matches(id, doc)) total++;
  const shards = indices.reduce((sum, i) => sum + shardCount(i), 0);
  return ok({ count: total, _shards: { total: shards, successful: shards, skipped: 0, failed: 0 } });
}

type Matcher = (id: string, doc: StoredDoc) => boolean;

/** The little query support the sandbox has: match_all, ids, term (exact value on a field path). */
function compileQuery(query: unknown): Matcher {
  if (query === undefined) return () => true;
  if (!isPlainObject(query) || Object.keys(query).length !== 1)
    throw illegalArgument('query must hold exactly one query');
  const [type, spec] = Object.entries(query)[0];
  if (type === 'match_all') return () => true;
  if (type === 'ids' && isPlainObject(spec) && Array.isArray(spec.values)) {
    const ids = new Set(spec.values.map(String));
    return (id) => ids.has(id);
  }
  if (type === 'term' && isPlainObject(spec) && Object.keys(spec).length === 1) {
    const [field, raw] = Object.entries(spec)[0];
    const expected = isPlainObject(raw) ? raw.value : raw;
    if (field === '_id') return (id) => id === String(expected);
    return (_id, doc) => String(fieldValue(doc.source, field)) === String(expected);
  }
  throw illegalArgument(`the sandbox supports only match_all, ids and term queries, not [${type}]`);
}

function fieldValue(source: unknown, path: string): unknown {
  let node = source;
  for (const part of path.split('.')) node = isPlainObject(node) ? node[part] : undefined;
  return node;
}
