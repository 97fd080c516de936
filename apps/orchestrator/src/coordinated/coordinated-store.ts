import { Inject, Injectable } from '@nestjs/common';
import { compareBackupIdsNewestFirst, parseBackupIdText } from '@app/snapshot-planning';
import type { Redis } from 'ioredis';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { DomainError } from '../core/errors/domain-error.js';
import { RedisConnections } from '../core/redis/redis-connections.js';
import { withRedis } from '../core/redis/with-redis.js';
import type { CoordinatedRecord } from './coordinated-record.js';

/** Renews the lease only while this backup still owns the pause (atomic). */
const RENEW_LEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) end return nil`;
/** Releases the pause only when this backup owns it and (for the watchdog) its lease is gone. */
const RELEASE_PAUSE = `if redis.call('GET', KEYS[1]) == ARGV[1] and (ARGV[2] == 'any' or redis.call('EXISTS', KEYS[2]) == 0) then redis.call('DEL', KEYS[1], KEYS[2]) return 1 end return 0`;
/** Takes the exclusive slot when it is free or still holds `expected` (compare-and-set); answers the holder otherwise. */
const TAKE_EXCLUSIVE = `local current = redis.call('GET', KEYS[1]) if current == false or current == ARGV[2] then redis.call('SET', KEYS[1], ARGV[1]) return 'OK' end return current`;
/** Frees the slot when it is held for this kind and backup ID, whoever's request that was. */
const RELEASE_EXCLUSIVE_OF = `local current = redis.call('GET', KEYS[1]) if current then local ok, holder = pcall(cjson.decode, current) if ok and holder.kind == ARGV[1] and holder.backupId == ARGV[2] then return redis.call('DEL', KEYS[1]) end end return 0`;
/** Frees the slot only when it still holds this holder. */
const RELEASE_EXCLUSIVE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** Who holds the one slot shared by coordinated backups and restores (they pause Zeebe or replace indices). */
export interface ExclusiveHolder {
  kind: 'backup' | 'restore';
  backupId: string;
  /** Unique per request, so a holder is never mistaken for a later one with the same ID. */
  token: string;
  since: number;
}

/** The slot as stored; `holder` is undefined when it cannot be read (it is then replaceable). */
export interface HeldSlot {
  raw: string;
  holder: ExclusiveHolder | undefined;
}

/** A stored record, or why it cannot be read (it is then reported and skipped, and can be deleted). */
export type StoredRecord = { record: CoordinatedRecord } | { backupId: string; unreadable: string };

/**
 * The coordinated backups' own facts in Redis (under QUEUE_PREFIX): one record per backup, the set
 * of their IDs, abort marks, the exclusive slot, and who paused Zeebe exporting with a lease that a
 * live daemon renews. Every operation fails as `queue_unavailable` while Redis cannot be reached.
 */
@Injectable()
export class CoordinatedStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) config: OrchestratorConfig,
    @Inject(RedisConnections) connections: RedisConnections,
  ) {
    this.prefix = `${config.queuePrefix}:coordinated`;
    this.redis = connections.client('coordinated backups');
  }

  /** false when a record with this ID exists already (atomic across daemons). */
  async create(record: CoordinatedRecord): Promise<boolean> {
    return withRedis(`recording coordinated backup ${record.backupId}`, async () => {
      const created = await this.redis.set(this.recordKey(record.backupId), JSON.stringify(record), 'NX');
      if (created !== 'OK') return false;
      await this.redis.sadd(`${this.prefix}:ids`, record.backupId);
      return true;
    });
  }

  async get(backupId: bigint): Promise<CoordinatedRecord | undefined> {
    const stored = await this.read(backupId.toString());
    if (!stored) return undefined;
    if ('unreadable' in stored) throw new DomainError('conflict', stored.unreadable);
    return stored.record;
  }

  /** The record, an unreadable one's reason, or undefined when there is none. */
  async read(backupId: string): Promise<StoredRecord | undefined> {
    const text = await withRedis(`reading coordinated backup ${backupId}`, () =>
      this.redis.get(this.recordKey(backupId)),
    );
    if (text === null) return undefined;
    try {
      return { record: parseRecord(JSON.parse(text), backupId) };
    } catch (error) {
      return {
        backupId,
        unreadable: `The stored record of ${backupId} is unreadable: ${(error as Error).message}`,
      };
    }
  }

  /** Every stored record, newest ID first; unreadable ones as such (IDs outside 1..2^63−1 included). */
  async list(): Promise<StoredRecord[]> {
    const ids = await withRedis('listing coordinated backups', () =>
      this.redis.smembers(`${this.prefix}:ids`),
    );
    const valid = ids.filter((id) => parseBackupIdText(id).ok);
    const invalid = ids.filter((id) => !parseBackupIdText(id).ok);
    valid.sort((a, b) => compareBackupIdsNewestFirst(BigInt(a), BigInt(b)));
    const records: StoredRecord[] = invalid.map((id) => ({
      backupId: id,
      unreadable: `A stored coordinated backup has the ID "${id.slice(0, 40)}", outside 1..9223372036854775807`,
    }));
    for (const id of valid) {
      const stored = await this.read(id);
      if (stored) records.push(stored);
    }
    return records;
  }

  async remove(backupId: string): Promise<void> {
    await withRedis(`removing coordinated backup ${backupId}`, async () => {
      await this.redis.del(this.recordKey(backupId), `${this.recordKey(backupId)}:aborted`);
      await this.redis.srem(`${this.prefix}:ids`, backupId);
    });
  }

  /** Marks a backup as given up (its later steps skip themselves); the first reason stays. */
  async abort(backupId: bigint, reason: string): Promise<void> {
    await withRedis(`aborting coordinated backup ${backupId}`, () =>
      this.redis.set(`${this.recordKey(backupId)}:aborted`, reason, 'NX'),
    );
  }

  async abortReason(backupId: bigint): Promise<string | undefined> {
    return (
      (await withRedis(`reading the abort mark of ${backupId}`, () =>
        this.redis.get(`${this.recordKey(backupId)}:aborted`),
      )) ?? undefined
    );
  }

  /**
   * Takes the exclusive slot for `holder` when it is free, or when it still holds `replacing` (a
   * holder the caller found finished). Answers the current holder when someone else has it.
   */
  async takeExclusive(holder: ExclusiveHolder, replacing?: HeldSlot): Promise<HeldSlot | 'taken'> {
    const answer = await withRedis('claiming the coordinated-operation slot', () =>
      this.redis.eval(TAKE_EXCLUSIVE, 1, this.exclusiveKey, JSON.stringify(holder), replacing?.raw ?? ''),
    );
    return answer === 'OK' ? 'taken' : { raw: String(answer), holder: parseHolder(String(answer)) };
  }

  async releaseExclusive(holder: ExclusiveHolder): Promise<void> {
    await withRedis('releasing the coordinated-operation slot', () =>
      this.redis.eval(RELEASE_EXCLUSIVE, 1, this.exclusiveKey, JSON.stringify(holder)),
    );
  }

  /** Frees the slot of a backup that is being deleted (its flow has finished). */
  async releaseExclusiveOf(kind: ExclusiveHolder['kind'], backupId: string): Promise<void> {
    await withRedis('releasing the coordinated-operation slot', () =>
      this.redis.eval(RELEASE_EXCLUSIVE_OF, 1, this.exclusiveKey, kind, backupId),
    );
  }

  /** Records that this backup is about to pause exporting, with a lease of `leaseMs`. */
  async claimPause(backupId: bigint, leaseMs: number): Promise<void> {
    await withRedis(`claiming the exporting pause for ${backupId}`, async () => {
      await this.redis.set(this.pauseKey, backupId.toString());
      await this.redis.set(this.leaseKey, backupId.toString(), 'PX', leaseMs);
    });
  }

  async renewLease(backupId: bigint, leaseMs: number): Promise<void> {
    await withRedis(`renewing the exporting-pause lease of ${backupId}`, () =>
      this.redis.eval(RENEW_LEASE, 2, this.pauseKey, this.leaseKey, backupId.toString(), String(leaseMs)),
    );
  }

  /** The backup that paused exporting and whether its lease is still alive. */
  async pauseOwner(): Promise<{ backupId: bigint; leaseAlive: boolean } | undefined> {
    const [owner, lease] = await withRedis('reading the exporting-pause owner', () =>
      Promise.all([this.redis.get(this.pauseKey), this.redis.exists(this.leaseKey)]),
    );
    return owner ? { backupId: BigInt(owner), leaseAlive: lease === 1 } : undefined;
  }

  /** `onlyIfLeaseExpired`: the watchdog's release, which must not race a daemon that renewed meanwhile. */
  async releasePause(backupId: bigint, onlyIfLeaseExpired = false): Promise<boolean> {
    const released = await withRedis(`releasing the exporting pause of ${backupId}`, () =>
      this.redis.eval(
        RELEASE_PAUSE,
        2,
        this.pauseKey,
        this.leaseKey,
        backupId.toString(),
        onlyIfLeaseExpired ? 'expired' : 'any',
      ),
    );
    return released === 1;
  }

  /** Whether the store's connection is up (the watchdog waits for it rather than logging start-up errors). */
  get connected(): boolean {
    return this.redis.status === 'ready';
  }

  private recordKey(backupId: bigint | string): string {
    return `${this.prefix}:${backupId}`;
  }

  private get exclusiveKey(): string {
    return `${this.prefix}:exclusive`;
  }

  private get pauseKey(): string {
    return `${this.prefix}:exporting-paused-by`;
  }

  private get leaseKey(): string {
    return `${this.prefix}:exporting-pause-lease`;
  }
}

function parseRecord(raw: unknown, backupId: string): CoordinatedRecord {
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<CoordinatedRecord>;
  if (record.backupId !== backupId) throw new Error('its backupId does not match its key');
  if (!Array.isArray(record.components)) throw new Error('components are missing');
  if (typeof record.zeebe !== 'boolean') throw new Error('zeebe is missing');
  if (typeof record.acceptedAt !== 'number') throw new Error('acceptedAt is missing');
  return record as CoordinatedRecord;
}

function parseHolder(text: string): ExclusiveHolder | undefined {
  try {
    const holder = JSON.parse(text) as ExclusiveHolder;
    if (typeof holder.backupId === 'string' && typeof holder.token === 'string') return holder;
  } catch {
    // Unreadable: treated as finished, so it can be replaced.
  }
  return undefined;
}
