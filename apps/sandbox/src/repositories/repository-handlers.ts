import { NODE_NAME } from '../cluster/version.js';
import type { SandboxContext } from '../context.js';
import { isPlainObject } from '../common/json.js';
import { EsError, repositoryError, repositoryMissing, validationFailed } from '../http/errors.js';
import { acknowledged, ok, type Reply } from '../http/reply.js';
import type { SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { hasInvalidFilenameChars } from '../indices/index-names.js';
import { flatten } from '../indices/index-settings.js';
import { invalidCharsList } from '../indices/index-handlers.js';
import { resolveRepositoryNames } from './repository-names.js';
import type { Repository } from './repository-store.js';

export const NODE_ID = 'c2FuZGJveC1ub2RlLTAw';

/** Repository registration APIs under `/_snapshot`. */
export function registerRepositoryRoutes(router: Router, ctx: SandboxContext): void {
  const timeouts = timeoutParams(ctx);
  router.add(['PUT', 'POST'], '/_snapshot/{repository}', [...timeouts, 'timeout', 'verify'], (req) =>
    putRepository(ctx, req),
  );
  router.add('GET', '/_snapshot', [...timeouts, 'local'], (req) => getRepositories(ctx, req));
  router.add('GET', '/_snapshot/{repository}', [...timeouts, 'local'], (req) => getRepositories(ctx, req));
  router.add('DELETE', '/_snapshot/{repository}', [...timeouts, 'timeout'], (req) =>
    deleteRepositories(ctx, req),
  );
  router.add('POST', '/_snapshot/{repository}/_verify', [...timeouts, 'timeout'], (req) => {
    ctx.repositories.require(req.params.repository);
    return ok({ nodes: { [NODE_ID]: { name: NODE_NAME } } });
  });
  router.add('POST', '/_snapshot/{repository}/_cleanup', [...timeouts, 'timeout'], (req) =>
    ok({ results: ctx.repositories.cleanup(ctx.repositories.require(req.params.repository)) }),
  );
}

/** `master_timeout` everywhere; OpenSearch adds `cluster_manager_timeout`. */
export function timeoutParams(ctx: SandboxContext): string[] {
  return ctx.config.flavor === 'opensearch'
    ? ['master_timeout', 'cluster_manager_timeout']
    : ['master_timeout'];
}

function putRepository(ctx: SandboxContext, req: SandboxRequest): Reply {
  const name = req.params.repository;
  const body = req.json();
  if (!isPlainObject(body) || body.type === undefined) throw validationFailed(['type is missing']);
  validateRepositoryName(ctx, name);
  const type = String(body.type);
  if (type !== 'fs') throw repositoryError(name, `repository type [${type}] does not exist`);
  const settings: Record<string, string> = {};
  if (isPlainObject(body.settings)) flatten(body.settings, '', settings);
  const failed = (reason: string) =>
    repositoryError(name, 'failed to create repository', 500, repositoryError(name, reason));
  const location = settings.location ?? '';
  if (location === '') throw failed('missing location');
  const folder = ctx.repositories.resolveLocation(location);
  if (folder === undefined) {
    throw failed(`location [${location}] doesn't match any of the locations specified by path.repo`);
  }
  const existing = ctx.repositories.get(name);
  if (existing && ctx.snapshots.isRepositoryInUse(name)) throw repositoryInUse(ctx, name);
  const repository: Repository = { name, type, settings };
  if (!ctx.repositories.isReadonly(repository)) {
    try {
      ctx.repositories.ensureFolder(folder);
    } catch {
      throw new EsError(
        500,
        'repository_verification_exception',
        `[${name}] path [${folder}] is not accessible on master node`,
      );
    }
  }
  ctx.repositories.readData(repository);
  ctx.repositories.put(repository);
  return acknowledged();
}

function validateRepositoryName(ctx: SandboxContext, name: string): void {
  if (name.length === 0) throw repositoryError(name, 'cannot be empty');
  if (name.includes('#')) throw repositoryError(name, "must not contain '#'");
  if (hasInvalidFilenameChars(name)) {
    throw repositoryError(name, `must not contain the following characters ${invalidCharsList(ctx)}`);
  }
}

function repositoryInUse(ctx: SandboxContext, name: string): EsError {
  if (ctx.config.flavor === 'opensearch') {
    return new EsError(
      500,
      'illegal_state_exception',
      'trying to modify or unregister repository that is currently used ',
    );
  }
  return new EsError(
    409,
    'repository_conflict_exception',
    `[${name}] trying to modify or unregister repository that is currently used (snapshot is in progress)`,
  );
}

function getRepositories(ctx: SandboxContext, req: SandboxRequest): Reply {
  const names = resolveRepositoryNames(
    req.params.repository,
    ctx.repositories.all().map((r) => r.name),
    ctx.config.flavor === 'elasticsearch',
  );
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const repository = ctx.repositories.require(name);
    out[name] =
      ctx.config.flavor === 'elasticsearch'
        ? {
            type: repository.type,
            uuid: ctx.repositories.readData(repository).uuid,
            settings: repository.settings,
          }
        : { type: repository.type, settings: repository.settings };
  }
  return ok(out);
}

function deleteRepositories(ctx: SandboxContext, req: SandboxRequest): Reply {
  const expression = req.params.repository;
  const names = resolveRepositoryNames(
    expression,
    ctx.repositories.all().map((r) => r.name),
    ctx.config.flavor === 'elasticsearch',
  );
  if (names.length === 0) throw repositoryMissing([expression]);
  const busy = names.find((n) => ctx.snapshots.isRepositoryInUse(n));
  if (busy) throw repositoryInUse(ctx, busy);
  for (const name of names) ctx.repositories.delete(name);
  return acknowledged();
}
