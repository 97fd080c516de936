import type { SandboxContext } from '../context.js';
import { snapshotMissing } from '../http/errors.js';
import { ok, type Reply } from '../http/reply.js';
import type { SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { timeoutParams } from '../repositories/repository-handlers.js';
import { checkTimeouts, snapshotsOf } from './snapshot-handlers.js';
import { allSnapshots, snapshotNamed } from './snapshot-selection.js';
import { renderSnapshotStatus } from './snapshot-status.js';
import type { SnapshotRecord } from './snapshot-record.js';

/** `GET /_snapshot/_status`, `/{repository}/_status`, `/{repository}/{snapshot}/_status`. */
export function registerStatusRoutes(router: Router, ctx: SandboxContext): void {
  const params = [...timeoutParams(ctx), 'ignore_unavailable'];
  router.add('GET', '/_snapshot/_status', params, (req) => {
    checkTimeouts(ctx, req);
    return ok({
      snapshots: ctx.snapshots.allRunning().map((r) => renderSnapshotStatus(r.repository, r.record)),
    });
  });
  router.add('GET', '/_snapshot/{repository}/_status', params, (req) => {
    checkTimeouts(ctx, req);
    const repository = ctx.repositories.require(req.params.repository);
    return ok({
      snapshots: ctx.snapshots
        .runningIn(repository.name)
        .map((r) => renderSnapshotStatus(repository.name, r)),
    });
  });
  router.add('GET', '/_snapshot/{repository}/{snapshot}/_status', params, async (req) => statusOf(ctx, req));
}

async function statusOf(ctx: SandboxContext, req: SandboxRequest): Promise<Reply> {
  checkTimeouts(ctx, req);
  const repository = ctx.repositories.require(req.params.repository);
  const ignoreUnavailable = req.bool('ignore_unavailable', false);
  const all = snapshotsOf(ctx, repository);
  const matched: SnapshotRecord[] = [];
  for (const name of req.params.snapshot.split(',').filter((n) => n)) {
    const named = name === '_current' ? undefined : snapshotNamed(all, name);
    const matches =
      name === '_current' ? allSnapshots(all).filter((s) => s.state === 'IN_PROGRESS') : named ? [named] : [];
    if (matches.length === 0 && name !== '_current' && !ignoreUnavailable)
      throw snapshotMissing(repository.name, name);
    matched.push(...matches);
  }
  // Blob-store cost of a completed snapshot: its SnapshotInfo plus one shard status per shard
  // (TransportSnapshotsStatusAction reads them from the repository; running ones are in memory).
  const completed = matched.filter((s) => s.state !== 'IN_PROGRESS');
  await ctx.blobReads.read(completed.reduce((sum, s) => sum + 1 + s.totalShards, 0));
  return ok({ snapshots: matched.map((s) => renderSnapshotStatus(repository.name, s)) });
}
