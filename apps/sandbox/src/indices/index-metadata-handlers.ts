import { simpleMatch } from '../common/glob.js';
import { isPlainObject } from '../common/json.js';
import type { SandboxContext } from '../context.js';
import { EsError, illegalArgument } from '../http/errors.js';
import { acknowledged, exists, ok, type Reply } from '../http/reply.js';
import type { SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { aliasMetadata, renderSettings, resolveRequestIndices } from './index-handlers.js';
import { validateIndexName } from './index-names.js';
import { nestSettings } from './index-settings.js';
import { EXPAND_ALL, EXPAND_OPEN, EXPAND_OPEN_CLOSED, splitExpressions } from './multi-target.js';

const MULTI_TARGET_PARAMS = ['ignore_unavailable', 'allow_no_indices', 'expand_wildcards'];
const TIMEOUTS = ['master_timeout', 'cluster_manager_timeout', 'timeout'];

/** `GET [/{index}]/_mapping`, `GET [/{index}]/_settings`, and alias PUT/HEAD/DELETE. */
export function registerIndexMetadataRoutes(router: Router, ctx: SandboxContext): void {
  const mappingParams = [...MULTI_TARGET_PARAMS, 'local', 'master_timeout', 'cluster_manager_timeout'];
  router.add('GET', '/_mapping', mappingParams, (req) => getMappings(ctx, req));
  router.add('GET', '/{index}/_mapping', mappingParams, (req) => getMappings(ctx, req));
  const settingsParams = [...mappingParams, 'flat_settings', 'include_defaults'];
  router.add('GET', '/_settings', settingsParams, (req) => getSettings(ctx, req));
  router.add('GET', '/{index}/_settings', settingsParams, (req) => getSettings(ctx, req));
  router.add('GET', '/{index}/_settings/{name}', settingsParams, (req) => getSettings(ctx, req));
  router.add(['PUT', 'POST'], '/{index}/_alias/{name}', TIMEOUTS, (req) => putAlias(ctx, req));
  router.add('DELETE', '/{index}/_alias/{name}', TIMEOUTS, (req) => deleteAlias(ctx, req));
  const headParams = [...MULTI_TARGET_PARAMS, 'local', 'master_timeout'];
  router.add('HEAD', '/_alias/{name}', headParams, (req) => aliasExists(ctx, req));
  router.add('HEAD', '/{index}/_alias/{name}', headParams, (req) => aliasExists(ctx, req));
}

function getMappings(ctx: SandboxContext, req: SandboxRequest): Reply {
  const out: Record<string, unknown> = {};
  for (const index of resolveRequestIndices(ctx, req, EXPAND_OPEN))
    out[index.name] = { mappings: index.mappings };
  return ok(out);
}

function getSettings(ctx: SandboxContext, req: SandboxRequest): Reply {
  const flat = req.bool('flat_settings', false);
  const names = splitExpressions(req.params.name);
  const out: Record<string, unknown> = {};
  for (const index of resolveRequestIndices(ctx, req, EXPAND_OPEN_CLOSED)) {
    let settings = renderSettings(ctx, index, true) as Record<string, string>;
    if (names.length > 0) {
      settings = Object.fromEntries(
        Object.entries(settings).filter(([key]) => names.some((n) => simpleMatch(n, key))),
      );
      // ES leaves out indices none of whose settings match the requested names
      if (Object.keys(settings).length === 0) continue;
    }
    out[index.name] = { settings: flat ? settings : nestSettings(settings) };
  }
  return ok(out);
}

function putAlias(ctx: SandboxContext, req: SandboxRequest): Reply {
  const alias = req.params.name;
  const body = req.json() ?? {};
  if (!isPlainObject(body)) throw illegalArgument('request body must be an object');
  validateIndexName(alias);
  if (ctx.indices.get(alias)) {
    throw new EsError(
      400,
      'invalid_alias_name_exception',
      `Invalid alias name [${alias}]: an index or data stream exists with the same name as the alias`,
      { index_uuid: '_na_', index: alias },
    );
  }
  const indices = resolveRequestIndices(ctx, req, EXPAND_OPEN);
  const metadata = aliasMetadata(body);
  if (metadata.is_write_index === true) {
    const others = ctx.indices
      .all()
      .filter((i) => !indices.includes(i) && i.aliases[alias]?.is_write_index === true);
    if (others.length > 0 || indices.length > 1) {
      const holders = [...others, ...indices].map((i) => i.name).sort();
      throw new EsError(
        500,
        'illegal_state_exception',
        `alias [${alias}] has more than one write index [${holders.join(',')}]`,
      );
    }
  }
  for (const index of indices) {
    index.aliases = { ...index.aliases, [alias]: metadata };
    ctx.indices.save(index);
  }
  return acknowledged();
}

function deleteAlias(ctx: SandboxContext, req: SandboxRequest): Reply {
  const names = splitExpressions(req.params.name);
  const indices = resolveRequestIndices(ctx, req, EXPAND_OPEN);
  const removed = new Set<string>();
  for (const index of indices) {
    const kept = Object.entries(index.aliases).filter(
      ([alias]) => !names.some((n) => n === '_all' || simpleMatch(n, alias)),
    );
    if (kept.length === Object.keys(index.aliases).length) continue;
    Object.keys(index.aliases)
      .filter((a) => !kept.some(([k]) => k === a))
      .forEach((a) => removed.add(a));
    index.aliases = Object.fromEntries(kept);
    ctx.indices.save(index);
  }
  if (removed.size === 0) {
    // AliasesNotFoundException: "aliases [a, b] missing", resource.type "aliases"
    throw new EsError(404, 'aliases_not_found_exception', `aliases [${names.join(', ')}] missing`, {
      'resource.type': 'aliases',
      'resource.id': names.join(','),
    });
  }
  return acknowledged();
}

function aliasExists(ctx: SandboxContext, req: SandboxRequest): Reply {
  const names = splitExpressions(req.params.name);
  let indices;
  try {
    indices =
      req.params.index === undefined ? ctx.indices.all() : resolveRequestIndices(ctx, req, EXPAND_ALL);
  } catch (error) {
    if (error instanceof EsError && error.status === 404) return exists(false);
    throw error;
  }
  const found = new Set<string>();
  for (const index of indices) {
    for (const alias of Object.keys(index.aliases)) {
      if (names.some((n) => n === '_all' || simpleMatch(n, alias))) found.add(alias);
    }
  }
  // every exact name must exist; wildcards need at least one match overall
  const exactMissing = names.some((n) => !n.includes('*') && n !== '_all' && !found.has(n));
  return exists(found.size > 0 && !exactMissing);
}
