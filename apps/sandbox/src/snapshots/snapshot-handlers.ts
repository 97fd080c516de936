import type { SandboxContext } from '../context.js';
import { isPlainObject } from '../common/json.js';
import { EsError, illegalArgument, parseFailure, snapshotMissing, validationFailed } from '../http/errors.js';
import { acknowledged, ok, type Reply } from '../http/reply.js';
import type { SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { invalidCharsList } from '../indices/index-handlers.js';
import { EXPAND_ALL, parseExpandWildcards, resolveTargets } from '../indices/multi-target.js';
import { resolveRepositoryNames } from '../repositories/repository-names.js';
import type { Repository } from '../repositories/repository-store.js';
import { timeoutParams } from '../repositories/repository-handlers.js';
import { resolveDateMath } from './date-math.js';
import { metadataJsonSize } from './metadata-size.js';
import { concurrencyLimitError } from './snapshot-engine.js';
import { DEFAULT_RENDER, renderSnapshotInfo } from './snapshot-info.js';
import { type Listed, paginate, parsePaging } from './snapshot-paging.js';
import type { SnapshotRecord } from './snapshot-record.js';
import { type RepositorySnapshots, selectSnapshots, snapshotNamed } from './snapshot-selection.js';
import { duplicateSnapshotName, validateSnapshotName } from './snapshot-names.js';
import { bodyBool, bodyIndices, bodyObject, bodyStringOrArray } from './request-body.js';

const MAX_METADATA_BYTES = 1024;
const ES_GET_PARAMS = [
  'sort',
  'order',
  'size',
  'offset',
  'after',
  'from_sort_value',
  'slm_policy_filter',
  'index_details',
  'index_names',
  'include_repository',
];

/** Create, get, delete and clone snapshots. */
export function registerSnapshotRoutes(router: Router, ctx: SandboxContext): void {
  const es = ctx.config.flavor === 'elasticsearch';
  const timeouts = timeoutParams(ctx);
  router.add(
    ['PUT', 'POST'],
    '/_snapshot/{repository}/{snapshot}',
    [...timeouts, 'wait_for_completion'],
    (req) => createSnapshot(ctx, req),
  );
  router.add(
    'GET',
    '/_snapshot/{repository}/{snapshot}',
    [...timeouts, 'ignore_unavailable', 'verbose', ...(es ? ES_GET_PARAMS : [])],
    (req) => getSnapshots(ctx, req),
  );
  router.add(
    'DELETE',
    '/_snapshot/{repository}/{snapshot}',
    [...timeouts, ...(es ? ['wait_for_completion'] : [])],
    (req) => deleteSnapshots(ctx, req),
  );
  router.add('PUT', '/_snapshot/{repository}/{snapshot}/_clone/{target}', timeouts, (req) =>
    cloneSnapshot(ctx, req),
  );
}

/** OpenSearch refuses both timeout names at once. */
export function checkTimeouts(ctx: SandboxContext, req: SandboxRequest): void {
  if (
    ctx.config.flavor === 'opensearch' &&
    req.param('master_timeout') &&
    req.param('cluster_manager_timeout')
  ) {
    throw parseFailure(
      'Please only use one of the request parameters [master_timeout, cluster_manager_timeout].',
    );
  }
}

/** Completed and running snapshots of a repository. */
export function snapshotsOf(ctx: SandboxContext, repository: Repository): RepositorySnapshots {
  return {
    completed: ctx.snapshots.completed(repository),
    running: ctx.snapshots.runningIn(repository.name),
  };
}

/** Name rules, then "already in-progress", then "already exists" (facts §4.3). */
function checkNewSnapshotName(ctx: SandboxContext, repository: Repository, name: string): void {
  validateSnapshotName(repository.name, name, invalidCharsList(ctx));
  if (ctx.snapshots.runningIn(repository.name).some((s) => s.name === name)) {
    throw duplicateSnapshotName(repository.name, name, true, ctx.config.flavor);
  }
  if (ctx.snapshots.completed(repository).some((s) => s.name === name)) {
    throw duplicateSnapshotName(repository.name, name, false, ctx.config.flavor);
  }
}

async function createSnapshot(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  checkTimeouts(ctx, req);
  const body = bodyObject(req);
  const indices = bodyIndices(body);
  const metadata = body.metadata;
  if (metadata !== undefined && metadata !== null && !isPlainObject(metadata)) {
    throw illegalArgument('malformed metadata, should be an object');
  }
  const es = ctx.config.flavor === 'elasticsearch';
  if (es && body.feature_states !== undefined && !Array.isArray(body.feature_states)) {
    throw illegalArgument('malformed feature_states section, should be an array of strings');
  }
  const ignoreUnavailable = bodyBool(body, 'ignore_unavailable', false);
  const allowNoIndices = bodyBool(body, 'allow_no_indices', true);
  const includeGlobalState = bodyBool(body, 'include_global_state', true);
  bodyBool(body, 'partial', false);
  const expand = parseExpandWildcards(bodyStringOrArray(body, 'expand_wildcards'), EXPAND_ALL);
  if (isPlainObject(metadata)) {
    const size = metadataJsonSize(metadata);
    if (size > MAX_METADATA_BYTES) {
      throw validationFailed([
        `metadata must be smaller than ${MAX_METADATA_BYTES} bytes, but was [${size}]`,
      ]);
    }
  }
  const repository = ctx.repositories.require(req.params.repository);
  const name = resolveDateMath(req.params.snapshot);
  checkNewSnapshotName(ctx, repository, name);
  const names = resolveTargets(indices ?? [], ctx.indices.targets(), {
    ignoreUnavailable,
    allowNoIndices,
    expand,
  });
  const limit = ctx.config.maxConcurrentSnapshotOperations;
  if (ctx.snapshots.runningCount() >= limit) {
    throw concurrencyLimitError(repository.name, name, ctx.snapshots.runningCount(), limit);
  }
  const done = ctx.snapshots.start(repository, {
    name,
    indices: names,
    includeGlobalState,
    metadata: isPlainObject(metadata) ? metadata : undefined,
    featureStates: [],
  });
  if (!req.bool('wait_for_completion', false)) return ok({ accepted: true });
  const record = await done;
  return ok({
    snapshot: renderSnapshotInfo(record, {
      ...DEFAULT_RENDER,
      flavor: ctx.config.flavor,
      repository: repository.name,
    }),
  });
}

async function getSnapshots(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  checkTimeouts(ctx, req);
  const es = ctx.config.flavor === 'elasticsearch';
  const verbose = req.bool('verbose', true);
  const ignoreUnavailable = req.bool('ignore_unavailable', false);
  const paging = es ? parsePaging(req, verbose) : undefined;
  const render = {
    ...DEFAULT_RENDER,
    flavor: ctx.config.flavor,
    verbose,
    includeRepository: req.bool('include_repository', true),
    indexNames: req.bool('index_names', true),
    indexDetails: req.bool('index_details', false),
    human: req.bool('human', false),
  };
  const repositories = es
    ? resolveRepositoryNames(
        req.params.repository,
        ctx.repositories.all().map((r) => r.name),
        true,
      )
    : [req.params.repository];
  const names = req.params.snapshot
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n);
  const listed: Listed[] = [];
  for (const repositoryName of repositories) {
    const repository = ctx.repositories.require(repositoryName);
    const selected = selectSnapshots(names, snapshotsOf(ctx, repository), {
      repository: repository.name,
      ignoreUnavailable,
      flavor: ctx.config.flavor,
    });
    listed.push(...selected.map((record) => ({ repository: repository.name, record })));
  }
  // Blob-store cost: verbose loads each completed snapshot's SnapshotInfo (running ones come from
  // the cluster state); verbose=false reads only each repository's index.
  await ctx.blobReads.read(
    verbose ? listed.filter((l) => l.record.state !== 'IN_PROGRESS').length : repositories.length,
  );
  const show = (item: Listed) => renderSnapshotInfo(item.record, { ...render, repository: item.repository });
  if (!paging) {
    const sorted = [...listed].sort(
      (a, b) => a.record.startTime - b.record.startTime || a.record.name.localeCompare(b.record.name),
    );
    return ok({ snapshots: sorted.map(show) });
  }
  const { page, total, remaining, next } = paginate(listed, paging);
  const out: Record<string, unknown> = { snapshots: page.map(show) };
  if (next !== undefined) out.next = next;
  out.total = total;
  out.remaining = remaining;
  return ok(out);
}

function deleteSnapshots(ctx: SandboxContext, req: SandboxRequest): Reply {
  checkTimeouts(ctx, req);
  req.bool('wait_for_completion', true);
  const repository = ctx.repositories.require(req.params.repository);
  const names = req.params.snapshot
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n);
  const all = snapshotsOf(ctx, repository);
  const matched = new Set<SnapshotRecord>();
  for (const name of names) {
    if (name === '_all' || name.includes('*')) {
      selectSnapshots([name], all, {
        repository: repository.name,
        ignoreUnavailable: true,
        flavor: 'elasticsearch',
      }).forEach((s) => matched.add(s));
      continue;
    }
    const found = snapshotNamed(all, name);
    if (!found) throw snapshotMissing(repository.name, name);
    matched.add(found);
  }
  for (const record of matched) {
    if (record.state !== 'IN_PROGRESS' && ctx.restores.isRestoring(repository.name, record.uuid)) {
      // SnapshotsService: deleting the source of a running restore would pull its files away.
      const ref = `${repository.name}:${record.name}/${record.uuid}`;
      throw new EsError(
        503,
        'concurrent_snapshot_execution_exception',
        `[${ref}] cannot delete snapshot during a restore in progress in [[${ref}]]`,
      );
    }
  }
  const completed = new Set<string>();
  for (const record of matched) {
    if (record.state === 'IN_PROGRESS') ctx.snapshots.abort(repository.name, record.name);
    else completed.add(record.uuid);
  }
  if (completed.size > 0) ctx.snapshots.deleteCompleted(repository, completed);
  return acknowledged();
}

function cloneSnapshot(ctx: SandboxContext, req: SandboxRequest): Reply {
  checkTimeouts(ctx, req);
  if (!req.hasBody) throw parseFailure('request body is required');
  const body = bodyObject(req);
  const patterns = bodyIndices(body) ?? [];
  if (patterns.length === 0) throw validationFailed(['indices patterns are empty']);
  const repository = ctx.repositories.require(req.params.repository);
  const target = req.params.target;
  checkNewSnapshotName(ctx, repository, target);
  const source = ctx.snapshots.completed(repository).find((s) => s.name === req.params.snapshot);
  if (!source) throw snapshotMissing(repository.name, req.params.snapshot);
  const indices = resolveTargets(
    patterns,
    source.indices.map((name) => ({ name, hidden: false, open: true, aliases: [] })),
    { ignoreUnavailable: true, allowNoIndices: true, expand: EXPAND_ALL },
  );
  if (indices.length === 0) {
    const ref = `${source.name}/${source.uuid}`;
    throw new EsError(
      500,
      'snapshot_exception',
      `[${repository.name}:${ref}] No indices in the source snapshot [${ref}] matched requested pattern [${patterns.join(', ')}]`,
    );
  }
  ctx.snapshots.clone(repository, source, target, indices);
  return acknowledged();
}
