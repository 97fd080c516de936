import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import type { Redis } from 'ioredis';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { RedisConnections } from '../core/redis/redis-connections.js';
import { withRedis } from '../core/redis/with-redis.js';

/** A snapshot whose size is wanted: its name, start time (tells a re-creation apart) and whether it finished. */
export interface SizedSnapshot {
  name: string;
  startTime: string | null;
  finished: boolean;
}

/** Names adding up to about this many characters go in one `_status` request (4 KiB request line). */
const BATCH_NAME_CHARS = 3000;

/**
 * Snapshot sizes for the catalog, from `_status` (stats.total.size_in_bytes). On a blob-store
 * repository that call reads every shard's metadata, so only the snapshots shown are asked for, and
 * a finished snapshot's size (which never changes) is kept in Redis under its name and start time.
 * Sizes are extra: when the datastore or Redis cannot tell, the size is null and nothing fails.
 */
@Injectable()
export class SnapshotSizes {
  private readonly logger = new Logger(SnapshotSizes.name);
  private readonly redis: Redis;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(RedisConnections) connections: RedisConnections,
  ) {
    this.redis = connections.client('snapshot sizes');
  }

  /** Sizes by snapshot name; a snapshot whose size is unknown is left out. */
  async sizesOf(repository: string, snapshots: readonly SizedSnapshot[]): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    if (snapshots.length === 0) return sizes;
    const key = this.keyOf(repository);
    const finished = snapshots.filter((s) => s.finished && s.startTime !== null);
    const cached = await this.readCache(key, finished.map(fieldOf));
    finished.forEach((snapshot, index) => {
      const size = cached[index];
      if (size !== undefined) sizes.set(snapshot.name, size);
    });
    const missing = snapshots.filter((s) => !sizes.has(s.name)).map((s) => s.name);
    const fetched = await this.readDatastore(repository, missing);
    const toCache: Record<string, string> = {};
    for (const snapshot of snapshots) {
      const size = fetched.get(snapshot.name);
      if (size === undefined) continue;
      sizes.set(snapshot.name, size);
      if (snapshot.finished && snapshot.startTime !== null) toCache[fieldOf(snapshot)] = String(size);
    }
    if (Object.keys(toCache).length > 0) {
      await withRedis('caching snapshot sizes', () => this.redis.hset(key, toCache)).catch(() => undefined);
    }
    return sizes;
  }

  /** Drops the cached sizes of deleted snapshots. */
  async forget(repository: string, snapshots: readonly SizedSnapshot[]): Promise<void> {
    const fields = snapshots.filter((s) => s.startTime !== null).map(fieldOf);
    if (fields.length === 0) return;
    await withRedis('forgetting snapshot sizes', () =>
      this.redis.hdel(this.keyOf(repository), ...fields),
    ).catch(() => undefined);
  }

  /**
   * After a full listing: drops the cached sizes of snapshots no longer in the repository (deleted
   * through a component API or by retention, which do not come through the catalog). `keep` holds
   * every listed snapshot of the repository; only fields `owned` says the listing covers are dropped
   * (the Zeebe records snapshots, say, are not in a component listing).
   */
  async prune(
    repository: string,
    keep: readonly SizedSnapshot[],
    owned: (snapshotName: string) => boolean,
  ): Promise<void> {
    const key = this.keyOf(repository);
    const kept = new Set(keep.filter((s) => s.startTime !== null).map(fieldOf));
    try {
      const fields = await withRedis('reading cached snapshot sizes', () => this.redis.hkeys(key));
      const stale = fields.filter((field) => !kept.has(field) && owned(nameOf(field)));
      if (stale.length > 0) {
        await withRedis('forgetting snapshot sizes', () => this.redis.hdel(key, ...stale));
      }
    } catch {
      // A cache: the next full listing prunes it.
    }
  }

  private keyOf(repository: string): string {
    return `${this.config.queuePrefix}:snapshot-sizes:${repository}`;
  }

  private async readCache(key: string, fields: string[]): Promise<Array<number | undefined>> {
    if (fields.length === 0) return [];
    try {
      const values = await withRedis('reading cached snapshot sizes', () => this.redis.hmget(key, ...fields));
      return values.map((value) => (value === null ? undefined : Number(value)));
    } catch {
      return fields.map(() => undefined);
    }
  }

  private async readDatastore(repository: string, names: string[]): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    for (const batch of batches(names)) {
      try {
        for (const [name, size] of await this.datastore.snapshotSizes(repository, batch))
          sizes.set(name, size);
      } catch (error) {
        this.logger.warn(`Snapshot sizes left out: ${(error as Error).message}`);
        break;
      }
    }
    return sizes;
  }
}

function fieldOf(snapshot: SizedSnapshot): string {
  return `${snapshot.name}@${snapshot.startTime}`;
}

function nameOf(field: string): string {
  return field.slice(0, field.lastIndexOf('@'));
}

function batches(names: readonly string[]): string[][] {
  const result: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const name of names) {
    if (current.length > 0 && chars + name.length + 1 > BATCH_NAME_CHARS) {
      result.push(current);
      current = [];
      chars = 0;
    }
    current.push(name);
    chars += name.length + 1;
  }
  if (current.length > 0) result.push(current);
  return result;
}
