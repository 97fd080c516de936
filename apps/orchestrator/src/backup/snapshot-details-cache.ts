import { Inject, Injectable } from '@nestjs/common';
import type { SnapshotState, SnapshotSummary } from '@app/datastore';
import type { Redis } from 'ioredis';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { RedisConnections } from '../core/redis/redis-connections.js';

/**
 * Details of finished snapshots, which never change: what a verbose, state-only read returns for
 * them (name, state, start and end time, reason, failures' reasons). Keyed by repository and the
 * snapshot's `uuid`: a snapshot deleted and taken again under the same name has a new uuid, so it is
 * never answered from the old one's entry. `scope` (the component) groups entries for pruning.
 * Every method may throw when the store is unreachable; callers then read the datastore instead.
 */
export abstract class SnapshotDetailsCache {
  /** The cached details for each uuid, in order; undefined where nothing is cached. */
  abstract read(
    repository: string,
    scope: string,
    uuids: readonly string[],
  ): Promise<Array<SnapshotSummary | undefined>>;

  /** Stores finished snapshots' details (callers pass only finished snapshots that carry a uuid). */
  abstract write(repository: string, scope: string, snapshots: readonly SnapshotSummary[]): Promise<void>;

  /**
   * Drops every entry of `scope` whose uuid is not in `keep` (snapshots no longer in the repository);
   * `keep` holds the uuids of every finished snapshot of the scope.
   */
  abstract prune(repository: string, scope: string, keep: ReadonlySet<string>): Promise<number>;
}

/** Whether a snapshot's details can no longer change. */
export function isFinished(snapshot: Pick<SnapshotSummary, 'state'>): boolean {
  return snapshot.state !== 'IN_PROGRESS';
}

/** One entry: [name, state, startMillis, endMillis, reason, failure reasons] (null for undefined). */
type Entry = [string, SnapshotState, number | null, number | null, string | null, string[]];

export function encodeDetails(snapshot: SnapshotSummary): string {
  const entry: Entry = [
    snapshot.name,
    snapshot.state,
    snapshot.startTimeMillis ?? null,
    snapshot.endTimeMillis ?? null,
    snapshot.reason ?? null,
    snapshot.failures.map((failure) => failure.reason),
  ];
  return JSON.stringify(entry);
}

/** The summary a state-only read gives for the snapshot; undefined for an entry that does not parse. */
export function decodeDetails(uuid: string, text: string): SnapshotSummary | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(entry) || entry.length !== 6) return undefined;
  const [name, state, start, end, reason, failures] = entry as Entry;
  if (typeof name !== 'string' || typeof state !== 'string' || !Array.isArray(failures)) return undefined;
  return {
    name,
    uuid,
    state,
    indices: undefined,
    startTimeMillis: start ?? undefined,
    endTimeMillis: end ?? undefined,
    reason: reason ?? undefined,
    failures: failures.map((failureReason) => ({
      index: undefined,
      shardId: undefined,
      reason: failureReason,
      status: undefined,
      nodeId: undefined,
    })),
    metadata: undefined,
  };
}

/** A cache call that takes longer is treated as Redis being unavailable. */
const CACHE_TIMEOUT_MS = 1000;
/** Entries of a scope nobody reads or lists for this long disappear on their own. */
const ENTRY_TTL_SECONDS = 30 * 24 * 3600;

/** The cache in Redis: one hash per scope and repository (`{QUEUE_PREFIX}:snapshot-details:…`), field = uuid. */
@Injectable()
export class RedisSnapshotDetailsCache extends SnapshotDetailsCache {
  private readonly redis: Redis;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(RedisConnections) connections: RedisConnections,
  ) {
    super();
    this.redis = connections.client('snapshot details cache');
  }

  private key(repository: string, scope: string): string {
    return `${this.config.queuePrefix}:snapshot-details:${scope}:${repository}`;
  }

  async read(
    repository: string,
    scope: string,
    uuids: readonly string[],
  ): Promise<Array<SnapshotSummary | undefined>> {
    if (uuids.length === 0) return [];
    const texts = await withTimeout(this.redis.hmget(this.key(repository, scope), ...uuids));
    return texts.map((text, index) => (text === null ? undefined : decodeDetails(uuids[index]!, text)));
  }

  async write(repository: string, scope: string, snapshots: readonly SnapshotSummary[]): Promise<void> {
    const fields: string[] = [];
    for (const snapshot of snapshots) {
      if (snapshot.uuid !== undefined && isFinished(snapshot))
        fields.push(snapshot.uuid, encodeDetails(snapshot));
    }
    if (fields.length === 0) return;
    const key = this.key(repository, scope);
    await withTimeout(
      this.redis
        .multi()
        .hset(key, ...fields)
        .expire(key, ENTRY_TTL_SECONDS)
        .exec(),
    );
  }

  async prune(repository: string, scope: string, keep: ReadonlySet<string>): Promise<number> {
    const key = this.key(repository, scope);
    // Every finished snapshot of a full listing is cached by then: more entries than those means stale ones.
    if ((await withTimeout(this.redis.hlen(key))) <= keep.size) return 0;
    const stale = (await withTimeout(this.redis.hkeys(key))).filter((uuid) => !keep.has(uuid));
    if (stale.length > 0) await withTimeout(this.redis.hdel(key, ...stale));
    await withTimeout(this.redis.expire(key, ENTRY_TTL_SECONDS));
    return stale.length;
  }
}

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CACHE_TIMEOUT_MS} ms`)), CACHE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
