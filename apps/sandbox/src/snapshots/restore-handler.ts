import type { SandboxContext } from '../context.js';
import { newUuid } from '../common/ids.js';
import { isPlainObject } from '../common/json.js';
import { illegalArgument, snapshotRestoreError } from '../http/errors.js';
import { ok, type Reply } from '../http/reply.js';
import type { SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { invalidCharsList } from '../indices/index-handlers.js';
import { validateIndexName } from '../indices/index-names.js';
import { normalizeSettings } from '../indices/index-settings.js';
import { type IndexState, shardCount } from '../indices/index-store.js';
import { EXPAND_OPEN, resolveTargets } from '../indices/multi-target.js';
import { timeoutParams } from '../repositories/repository-handlers.js';
import type { SnapshotIndexData } from '../repositories/repository-store.js';
import { checkTimeouts } from './snapshot-handlers.js';
import { bodyBool, bodyIndices, bodyObject, bodyStringOrArray } from './request-body.js';

/** `POST /_snapshot/{repository}/{snapshot}/_restore`: brings index data back from the repository folder. */
export function registerRestoreRoutes(router: Router, ctx: SandboxContext): void {
  router.add(
    'POST',
    '/_snapshot/{repository}/{snapshot}/_restore',
    [...timeoutParams(ctx), 'wait_for_completion'],
    async (req) => restore(ctx, req),
  );
}

interface Planned {
  source: SnapshotIndexData;
  target: string;
  existing?: IndexState;
}

async function restore(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  checkTimeouts(ctx, req);
  const waitForCompletion = req.bool('wait_for_completion', false);
  const body = bodyObject(req);
  const repository = ctx.repositories.require(req.params.repository);
  const name = req.params.snapshot;
  const record = ctx.snapshots.completed(repository).find((s) => s.name === name);
  if (!record) throw snapshotRestoreError(`${repository.name}:${name}`, 'snapshot does not exist');
  const ref = `${repository.name}:${name}/${record.uuid}`;
  if (record.state === 'FAILED')
    throw snapshotRestoreError(ref, `unsupported snapshot state [${record.state}]`);

  const selected = resolveTargets(
    bodyIndices(body) ?? [],
    record.indices.map((index) => ({ name: index, hidden: false, open: true, aliases: [] })),
    {
      ignoreUnavailable: bodyBool(body, 'ignore_unavailable', false),
      allowNoIndices: true,
      expand: EXPAND_OPEN,
    },
  );
  const partial = bodyBool(body, 'partial', false);
  const failedIndices = new Set(record.failures.map((f) => f.index));
  const data = ctx.repositories.readSnapshotData(repository, record.uuid);
  const includeAliases = bodyBool(body, 'include_aliases', true);
  bodyBool(body, 'include_global_state', false);
  const rename = renamer(body);
  const plan: Planned[] = [];
  for (const index of selected) {
    const source = data.find((d) => d.name === index);
    if (!source || failedIndices.has(index)) {
      if (partial) continue;
      throw snapshotRestoreError(ref, `index [${index}] wasn't fully snapshotted - cannot restore`);
    }
    const target = rename(index);
    validateIndexName(target, invalidCharsList(ctx));
    const existing = ctx.indices.get(target);
    if (existing?.state === 'open') {
      throw snapshotRestoreError(
        ref,
        `cannot restore index [${target}] because an open index with same name already exists in the cluster. Either close or delete the existing index or restore the index under a different name by providing a rename pattern and replacement name`,
      );
    }
    const sourceShards = Number(source.settings['index.number_of_shards'] ?? '1');
    if (existing && shardCount(existing) !== sourceShards) {
      throw snapshotRestoreError(
        ref,
        `cannot restore index [${target}] with [${shardCount(existing)}] shards from a snapshot of index [${index}] with [${sourceShards}] shards`,
      );
    }
    plan.push({ source, target, existing });
  }

  const settingsOverride = normalizeSettings(body.index_settings);
  const ignored = bodyStringOrArray(body, 'ignore_index_settings');
  const ignoredKeys = (Array.isArray(ignored) ? ignored : (ignored ?? '').split(','))
    .filter((k) => k)
    .map((k) => (k.startsWith('index.') ? k : `index.${k}`));
  let shards = 0;
  const restoring: IndexState[] = [];
  const startTime = Date.now();
  for (const { source, target, existing } of plan) {
    if (existing) ctx.indices.delete(existing);
    const settings = { ...source.settings, ...settingsOverride };
    for (const key of ignoredKeys) delete settings[key];
    const index = ctx.indices.create({
      name: target,
      settings,
      mappings: source.mappings,
      aliases: includeAliases ? source.aliases : {},
    });
    for (const [id, doc] of source.docs)
      index.docs.set(id, { source: doc, version: 1, seqNo: index.nextSeqNo++ });
    index.restore = {
      repository: repository.name,
      snapshot: record.name,
      snapshotUuid: record.uuid,
      version: record.version,
      sourceIndex: source.name,
      restoreUuid: newUuid(),
      startTime,
      durationMs: ctx.restores.durationFor(source.docs.length),
      sizeInBytes: record.indexDetails[source.name]?.sizeInBytes ?? 0,
      state: 'running',
    };
    ctx.indices.save(index);
    restoring.push(index);
    shards += shardCount(index);
  }
  const done = ctx.restores.follow(restoring);
  if (!waitForCompletion) return ok({ accepted: true });
  await done;
  return ok({
    snapshot: {
      snapshot: name,
      indices: plan.map((p) => p.target),
      shards: { total: shards, failed: 0, successful: shards },
    },
  });
}

/** `rename_pattern` / `rename_replacement` with Java's replaceAll syntax (`$1`, `\$`, `${name}`). */
function renamer(body: Record<string, unknown>): (name: string) => string {
  const pattern = body.rename_pattern;
  const replacement = body.rename_replacement;
  if (pattern === undefined || pattern === null) return (name) => name;
  if (typeof pattern !== 'string') throw illegalArgument('rename_pattern must be a string');
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'g');
  } catch {
    throw illegalArgument(`invalid rename_pattern [${pattern}]`);
  }
  const javaReplacement =
    typeof replacement === 'string'
      ? replacement
      : isPlainObject(replacement)
        ? ''
        : String(replacement ?? '');
  const jsReplacement = javaReplacement.replace(/\\\$/g, '$$$$').replace(/\$\{(\w+)\}/g, '$<$1>');
  return (name) => name.replace(regex, jsReplacement);
}
