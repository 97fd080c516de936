import { versionOf } from '../cluster/version.js';
import { simpleMatch } from '../common/glob.js';
import type { SandboxContext } from '../context.js';
import { isPlainObject } from '../common/json.js';
import { EsError, illegalArgument, invalidIndexName } from '../http/errors.js';
import { acknowledged, exists, ok, type Reply } from '../http/reply.js';
import type { SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { resolveDateMath } from '../snapshots/date-math.js';
import { INVALID_CHARS_ES, INVALID_CHARS_OS, validateIndexName } from './index-names.js';
import { nestSettings, normalizeSettings } from './index-settings.js';
import { type IndexState, shardCount } from './index-store.js';
import {
  EXPAND_ALL,
  EXPAND_OPEN,
  EXPAND_OPEN_CLOSED,
  type ExpandWildcards,
  parseExpandWildcards,
  resolveTargets,
  splitExpressions,
} from './multi-target.js';

const MULTI_TARGET_PARAMS = ['ignore_unavailable', 'allow_no_indices', 'expand_wildcards'];
const TIMEOUTS = ['master_timeout', 'cluster_manager_timeout', 'timeout'];

/** Index administration: create, delete, get, exists, close, open, aliases, refresh. */
export function registerIndexRoutes(router: Router, ctx: SandboxContext): void {
  router.add('PUT', '/{index}', [...TIMEOUTS, 'wait_for_active_shards'], (req) => createIndex(ctx, req));
  router.add('DELETE', '/{index}', [...TIMEOUTS, ...MULTI_TARGET_PARAMS], (req) => deleteIndices(ctx, req));
  router.add(
    'GET',
    '/{index}',
    [...MULTI_TARGET_PARAMS, 'flat_settings', 'include_defaults', 'local', 'master_timeout', 'features'],
    (req) => getIndices(ctx, req),
  );
  router.add(
    'HEAD',
    '/{index}',
    [...MULTI_TARGET_PARAMS, 'flat_settings', 'include_defaults', 'local'],
    (req) => exists(resolveOrEmpty(ctx, req, EXPAND_OPEN).length > 0),
  );
  router.add(
    'POST',
    '/{index}/_close',
    [...TIMEOUTS, ...MULTI_TARGET_PARAMS, 'wait_for_active_shards'],
    (req) => closeIndices(ctx, req),
  );
  router.add(
    'POST',
    '/{index}/_open',
    [...TIMEOUTS, ...MULTI_TARGET_PARAMS, 'wait_for_active_shards'],
    (req) => openIndices(ctx, req),
  );
  router.add('GET', '/_alias', [...MULTI_TARGET_PARAMS, 'local', 'master_timeout'], (req) =>
    getAliases(ctx, req),
  );
  router.add('GET', '/_alias/{name}', [...MULTI_TARGET_PARAMS, 'local', 'master_timeout'], (req) =>
    getAliases(ctx, req),
  );
  router.add('GET', '/{index}/_alias', [...MULTI_TARGET_PARAMS, 'local', 'master_timeout'], (req) =>
    getAliases(ctx, req),
  );
  router.add('GET', '/{index}/_alias/{name}', [...MULTI_TARGET_PARAMS, 'local', 'master_timeout'], (req) =>
    getAliases(ctx, req),
  );
  for (const path of ['/_refresh', '/{index}/_refresh']) {
    router.add(['GET', 'POST'], path, MULTI_TARGET_PARAMS, (req) => refresh(ctx, req));
  }
}

/** Resolves `{index}` of the request with its multi-target parameters. */
export function resolveRequestIndices(
  ctx: SandboxContext,
  req: SandboxRequest,
  expand: ExpandWildcards,
  defaults: { ignoreUnavailable?: boolean; allowNoIndices?: boolean } = {},
): IndexState[] {
  const names = resolveTargets(
    splitExpressions(req.params.index).map((e) => resolveDateMath(e)),
    ctx.indices.targets(),
    {
      ignoreUnavailable: req.bool('ignore_unavailable', defaults.ignoreUnavailable ?? false),
      allowNoIndices: req.bool('allow_no_indices', defaults.allowNoIndices ?? true),
      expand: parseExpandWildcards(req.param('expand_wildcards'), expand),
    },
  );
  return names.map((n) => ctx.indices.require(n));
}

function resolveOrEmpty(ctx: SandboxContext, req: SandboxRequest, expand: ExpandWildcards): IndexState[] {
  try {
    return resolveRequestIndices(ctx, req, expand);
  } catch (error) {
    if (error instanceof EsError && error.status === 404) return [];
    throw error;
  }
}

export function invalidCharsList(ctx: SandboxContext): string {
  return ctx.config.flavor === 'elasticsearch' ? INVALID_CHARS_ES : INVALID_CHARS_OS;
}

/** Creates an index (explicitly or automatically on first write), validating its name as ES does. */
export function createIndexNamed(
  ctx: SandboxContext,
  name: string,
  body: Record<string, unknown> = {},
): IndexState {
  validateIndexName(name, invalidCharsList(ctx));
  if (ctx.indices.hasAlias(name)) throw invalidIndexName(name, 'already exists as alias');
  body = ctx.indexTemplates.applyTo(name, body);
  const aliases = body.aliases ?? {};
  if (!isPlainObject(aliases)) throw illegalArgument('aliases must be an object');
  const mappings = body.mappings ?? {};
  if (!isPlainObject(mappings)) throw illegalArgument('mappings must be an object');
  checkMappings(ctx, mappings);
  const settings = normalizeSettings(body.settings);
  // ES 8 MetadataCreateIndexService.validateSoftDeleteSettings; OpenSearch 2 (ES 7.10 code) only
  // logs a deprecation warning.
  if (ctx.config.flavor === 'elasticsearch' && settings['index.soft_deletes.enabled'] === 'false') {
    throw illegalArgument(
      'Creating indices with soft-deletes disabled is no longer supported. Please do not specify a value for setting [index.soft_deletes.enabled].',
    );
  }
  return ctx.indices.create({
    name,
    settings,
    mappings,
    aliases: Object.fromEntries(Object.entries(aliases).map(([k, v]) => [k, aliasMetadata(v)])),
  });
}

/**
 * RestCreateIndexAction.prepareMappings refuses a typed (`{"_doc": {...}}`) mapping; ObjectMapper
 * refuses an empty field name anywhere under `properties`.
 */
function checkMappings(ctx: SandboxContext, mappings: Record<string, unknown>): void {
  const keys = Object.keys(mappings);
  if (keys.length === 1 && keys[0] === '_doc' && isPlainObject(mappings['_doc'])) {
    throw illegalArgument(
      ctx.config.flavor === 'elasticsearch'
        ? 'The mapping definition cannot be nested under a type [_doc].'
        : 'The mapping definition cannot be nested under a type [_doc] unless include_type_name is set to true.',
    );
  }
  const visit = (node: Record<string, unknown>) => {
    const properties = node.properties;
    if (!isPlainObject(properties)) return;
    for (const [field, child] of Object.entries(properties)) {
      if (field.trim().length === 0) throw illegalArgument('field name cannot be an empty string');
      if (isPlainObject(child)) visit(child);
    }
  };
  visit(mappings);
}

/**
 * An alias as AliasMetadata keeps it: `routing` sets both `index_routing` and `search_routing`
 * (Alias#routing), routings are strings, and the fields come in AliasMetadata's order.
 */
export function aliasMetadata(spec: unknown): Record<string, unknown> {
  if (!isPlainObject(spec)) return {};
  const routing = spec.routing === undefined || spec.routing === null ? undefined : String(spec.routing);
  const indexRouting = spec.index_routing ?? routing;
  const searchRouting = spec.search_routing ?? routing;
  const out: Record<string, unknown> = {};
  if (spec.filter !== undefined) out.filter = spec.filter;
  if (indexRouting !== undefined && indexRouting !== null) out.index_routing = String(indexRouting);
  if (searchRouting !== undefined && searchRouting !== null) out.search_routing = String(searchRouting);
  if (typeof spec.is_write_index === 'boolean') out.is_write_index = spec.is_write_index;
  if (typeof spec.is_hidden === 'boolean') out.is_hidden = spec.is_hidden;
  return out;
}

function createIndex(ctx: SandboxContext, req: SandboxRequest): Reply {
  const body = req.json();
  if (body !== undefined && !isPlainObject(body)) throw illegalArgument('request body must be an object');
  const index = createIndexNamed(ctx, resolveDateMath(req.params.index), body ?? {});
  return ok({ acknowledged: true, shards_acknowledged: true, index: index.name });
}

/** `action.destructive_requires_name`: no wildcards or `_all` in delete and close. */
function requireNames(ctx: SandboxContext, req: SandboxRequest): void {
  if (!ctx.config.destructiveRequiresName) return;
  const expressions = splitExpressions(req.params.index);
  if (expressions.some((e) => e === '_all' || e.includes('*'))) {
    throw illegalArgument('Wildcard expressions or all indices are not allowed');
  }
}

function rejectAliases(ctx: SandboxContext, req: SandboxRequest): void {
  for (const expression of splitExpressions(req.params.index)) {
    if (!expression.includes('*') && !ctx.indices.get(expression) && ctx.indices.hasAlias(expression)) {
      throw illegalArgument(
        `The provided expression [${expression}] matches an alias, specify the corresponding concrete indices instead.`,
      );
    }
  }
}

function rejectSnapshotted(ctx: SandboxContext, indices: IndexState[], verb: string): void {
  const busy = indices.filter((i) => ctx.snapshots.isIndexBeingSnapshotted(i.name));
  if (busy.length > 0) {
    throw new EsError(
      400,
      'snapshot_in_progress_exception',
      `Cannot ${verb} indices that are being snapshotted: [${busy.map((i) => `[${i.name}/${i.uuid}]`).join(', ')}]. Try again after snapshot finishes or cancel the currently running snapshot.`,
    );
  }
}

function deleteIndices(ctx: SandboxContext, req: SandboxRequest): Reply {
  requireNames(ctx, req);
  rejectAliases(ctx, req);
  const indices = resolveRequestIndices(ctx, req, EXPAND_OPEN_CLOSED);
  rejectSnapshotted(ctx, indices, 'delete');
  for (const index of indices) ctx.indices.delete(index);
  return acknowledged();
}

function getIndices(ctx: SandboxContext, req: SandboxRequest): Reply {
  const flat = req.bool('flat_settings', false);
  const out: Record<string, unknown> = {};
  for (const index of resolveRequestIndices(ctx, req, EXPAND_OPEN)) {
    out[index.name] = {
      aliases: index.aliases,
      mappings: index.mappings,
      settings: renderSettings(ctx, index, flat),
    };
  }
  return ok(out);
}

export function renderSettings(
  ctx: SandboxContext,
  index: IndexState,
  flat: boolean,
): Record<string, unknown> {
  const all: Record<string, string> = {
    ...index.settings,
    'index.creation_date': String(index.creationDate),
    'index.uuid': index.uuid,
    'index.version.created': String(versionOf(ctx.config.flavor).snapshotVersionId),
    'index.provided_name': index.name,
  };
  if (index.state === 'close') all['index.verified_before_close'] = 'true';
  return flat
    ? Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)))
    : nestSettings(all);
}

function closeIndices(ctx: SandboxContext, req: SandboxRequest): Reply {
  requireNames(ctx, req);
  const indices = resolveRequestIndices(ctx, req, EXPAND_OPEN);
  rejectSnapshotted(ctx, indices, 'close');
  const result: Record<string, unknown> = {};
  for (const index of indices) {
    index.state = 'close';
    ctx.indices.save(index);
    result[index.name] = { closed: true };
  }
  return ok({ acknowledged: true, shards_acknowledged: true, indices: result });
}

function openIndices(ctx: SandboxContext, req: SandboxRequest): Reply {
  for (const index of resolveRequestIndices(ctx, req, EXPAND_OPEN_CLOSED)) {
    index.state = 'open';
    ctx.indices.save(index);
  }
  return ok({ acknowledged: true, shards_acknowledged: true });
}

function getAliases(ctx: SandboxContext, req: SandboxRequest): Reply {
  const indices =
    req.params.index === undefined ? ctx.indices.all() : resolveRequestIndices(ctx, req, EXPAND_ALL);
  const names = splitExpressions(req.params.name);
  if (names.length === 0) {
    return ok(Object.fromEntries(indices.map((i) => [i.name, { aliases: i.aliases }])));
  }
  const out: Record<string, unknown> = {};
  const found = new Set<string>();
  for (const index of indices) {
    const matching = Object.entries(index.aliases).filter(([alias]) =>
      names.some((n) => n === '_all' || simpleMatch(n, alias)),
    );
    matching.forEach(([alias]) => found.add(alias));
    if (matching.length > 0) out[index.name] = { aliases: Object.fromEntries(matching) };
  }
  const missing = names.filter((n) => !n.includes('*') && n !== '_all' && !found.has(n));
  if (missing.length > 0) {
    return {
      status: 404,
      body: {
        error: `alias${missing.length > 1 ? 'es' : ''} [${missing.join(',')}] missing`,
        status: 404,
        ...out,
      },
    };
  }
  return ok(out);
}

function refresh(ctx: SandboxContext, req: SandboxRequest): Reply {
  const indices = resolveRequestIndices(ctx, req, EXPAND_OPEN).filter((i) => i.state === 'open');
  const primaries = indices.reduce((sum, i) => sum + shardCount(i), 0);
  const total = indices.reduce(
    (sum, i) => sum + shardCount(i) * (1 + Number(i.settings['index.number_of_replicas'])),
    0,
  );
  return ok({ _shards: { total, successful: primaries, failed: 0 } });
}
