import { NODE_NAME } from '../cluster/version.js';
import type { SandboxContext } from '../context.js';
import { ok, type Reply } from '../http/reply.js';
import type { SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { NODE_ID } from '../repositories/repository-handlers.js';
import { resolveRequestIndices } from './index-handlers.js';
import { type IndexState, shardCount } from './index-store.js';
import { EXPAND_OPEN_CLOSED } from './multi-target.js';

const RECOVERY_PARAMS = [
  'active_only',
  'detailed',
  'ignore_unavailable',
  'allow_no_indices',
  'expand_wildcards',
];
const PROCESS_START = Date.now();

/** `GET /_recovery`, `GET /{index}/_recovery`: the primary shard recoveries (RecoveryState). */
export function registerRecoveryRoutes(router: Router, ctx: SandboxContext): void {
  router.add('GET', '/_recovery', RECOVERY_PARAMS, (req) => recovery(ctx, req));
  router.add('GET', '/{index}/_recovery', RECOVERY_PARAMS, (req) => recovery(ctx, req));
}

function recovery(ctx: SandboxContext, req: SandboxRequest): Reply {
  const activeOnly = req.bool('active_only', false);
  const detailed = req.bool('detailed', false);
  const indices =
    req.params.index === undefined
      ? ctx.indices.all().filter((i) => !i.name.startsWith('.') && i.settings['index.hidden'] !== 'true')
      : resolveRequestIndices(ctx, req, EXPAND_OPEN_CLOSED);
  const out: Record<string, unknown> = {};
  const now = Date.now();
  for (const index of indices) {
    const shards = shardRecoveries(ctx, index, now, detailed).filter(
      (s) => !activeOnly || s.stage !== 'DONE',
    );
    if (shards.length > 0) out[index.name] = { shards };
  }
  return ok(out);
}

export type RecoveryStage = 'INIT' | 'INDEX' | 'VERIFY_INDEX' | 'TRANSLOG' | 'FINALIZE' | 'DONE';

/** The stage of a snapshot recovery `fraction` (0..1) of the way through its modelled duration. */
export function stageAt(fraction: number, done: boolean): RecoveryStage {
  if (done) return 'DONE';
  if (fraction < 0.1) return 'INIT';
  if (fraction < 0.8) return 'INDEX';
  if (fraction < 0.9) return 'VERIFY_INDEX';
  if (fraction < 0.95) return 'TRANSLOG';
  return 'FINALIZE';
}

function percent(part: number, total: number): string {
  return `${(total === 0 ? 100 : (100 * part) / total).toFixed(1)}%`;
}

/**
 * One entry per primary shard, as RecoveryState.toXContent writes it. A restore in progress is a
 * SNAPSHOT recovery copying one file per shard (sized by the shard's share of the snapshotted
 * index); an index created here is EMPTY_STORE, one read from disk at start-up EXISTING_STORE; an
 * index whose restore a restart lost has no assigned primary and so no entry.
 */
export function shardRecoveries(
  ctx: SandboxContext,
  index: IndexState,
  now: number,
  detailed: boolean,
): Array<Record<string, unknown>> {
  const restore = index.restore;
  if (restore?.state === 'failed') return [];
  const shards = shardCount(index);
  const target = {
    id: NODE_ID,
    host: '127.0.0.1',
    transport_address: '127.0.0.1:9300',
    ip: '127.0.0.1',
    name: NODE_NAME,
  };
  const verifyIndex = { check_index_time_in_millis: 0, total_time_in_millis: 0 };
  return Array.from({ length: shards }, (_, id) => {
    if (!restore) {
      const existing = ctx.indices.wasLoadedFromDisk(index);
      const start = existing ? PROCESS_START : index.creationDate;
      return {
        id,
        type: existing ? 'EXISTING_STORE' : 'EMPTY_STORE',
        stage: 'DONE',
        primary: true,
        start_time_in_millis: start,
        stop_time_in_millis: start,
        total_time_in_millis: 0,
        source: existing ? { bootstrap_new_history_uuid: false } : {},
        target,
        index: {
          size: {
            total_in_bytes: 0,
            reused_in_bytes: 0,
            recovered_in_bytes: 0,
            recovered_from_snapshot_in_bytes: 0,
            percent: '0.0%',
          },
          files: { total: 0, reused: 0, recovered: 0, percent: '0.0%', ...(detailed ? { details: [] } : {}) },
          total_time_in_millis: 0,
          source_throttle_time_in_millis: 0,
          target_throttle_time_in_millis: 0,
        },
        translog: { recovered: 0, total: 0, percent: '100.0%', total_on_start: 0, total_time_in_millis: 0 },
        verify_index: verifyIndex,
      };
    }
    const done = restore.state === 'done';
    const elapsed = (done ? (restore.stopTime ?? now) : now) - restore.startTime;
    const fraction = restore.durationMs <= 0 ? 1 : Math.min(1, Math.max(0, elapsed / restore.durationMs));
    const stage = stageAt(fraction, done);
    const shardBytes = Math.ceil(restore.sizeInBytes / shards);
    const filesKnown = stage !== 'INIT';
    const copied =
      stage === 'INIT'
        ? 0
        : stage === 'INDEX'
          ? Math.floor((shardBytes * (fraction - 0.1)) / 0.7)
          : shardBytes;
    const totalBytes = filesKnown ? shardBytes : 0;
    const filesRecovered = filesKnown && copied === shardBytes ? 1 : 0;
    const translogKnown = stage === 'TRANSLOG' || stage === 'FINALIZE' || stage === 'DONE';
    const entry: Record<string, unknown> = {
      id,
      type: 'SNAPSHOT',
      stage,
      primary: true,
      start_time_in_millis: restore.startTime,
    };
    if (done && restore.stopTime !== undefined) entry.stop_time_in_millis = restore.stopTime;
    Object.assign(entry, {
      total_time_in_millis: Math.max(0, elapsed),
      source: {
        repository: restore.repository,
        snapshot: restore.snapshot,
        version: restore.version,
        index: restore.sourceIndex,
        restoreUUID: restore.restoreUuid,
      },
      target,
      index: {
        size: {
          total_in_bytes: totalBytes,
          reused_in_bytes: 0,
          recovered_in_bytes: copied,
          recovered_from_snapshot_in_bytes: 0,
          percent: filesKnown ? percent(copied, shardBytes) : '0.0%',
        },
        files: {
          total: filesKnown ? 1 : 0,
          reused: 0,
          recovered: filesRecovered,
          percent: filesKnown ? percent(filesRecovered, 1) : '0.0%',
          ...(detailed
            ? {
                details: filesKnown
                  ? [
                      {
                        name: '_0.cfs',
                        length_in_bytes: shardBytes,
                        reused: false,
                        recovered_in_bytes: copied,
                        recovered_from_snapshot_in_bytes: 0,
                      },
                    ]
                  : [],
              }
            : {}),
        },
        total_time_in_millis: Math.max(0, elapsed),
        source_throttle_time_in_millis: 0,
        target_throttle_time_in_millis: 0,
      },
      translog: translogKnown
        ? { recovered: 0, total: 0, percent: '100.0%', total_on_start: 0, total_time_in_millis: 0 }
        : { recovered: 0, total: -1, percent: '-1.0%', total_on_start: -1, total_time_in_millis: 0 },
      verify_index: verifyIndex,
    });
    return entry;
  });
}
