import { compareBackupIdsNewestFirst } from '@app/snapshot-planning';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConnections } from '../core/redis/redis-connections.js';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import type { CoordinatedRecord } from './coordinated-record.js';

/** Renews the lease only while this backup still owns the pause (atomic). */
const RENEW_LEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) end return nil`;
/** Releases the pause only when this backup owns it and (for the watchdog) its lease is gone. */
const RELEASE_PAUSE = `if redis.call('GET', KEYS[1]) == ARGV[1] and (ARGV[2] == 'any' or redis.call('EXISTS', KEYS[2]) == 0) then redis.call('DEL', KEYS[1], KEYS[2]) return 1 end return 0`;

/**
 * The coordinated backups' own facts in Redis (under QUEUE_PREFIX): one record per backup, the
 * set of their IDs, abort marks, and who paused Zeebe exporting with a lease that a live daemon renews.
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
    const created = await this.redis.set(this.recordKey(record.backupId), JSON.stringify(record), 'NX');
    if (created !== 'OK') return false;
    await this.redis.sadd(`${this.prefix}:ids`, record.backupId);
    return true;
  }

  async get(backupId: bigint): Promise<CoordinatedRecord | undefined> {
    const text = await this.redis.get(this.recordKey(backupId));
    return text ? (JSON.parse(text) as CoordinatedRecord) : undefined;
  }

  /** Every record, newest ID first. */
  async list(): Promise<CoordinatedRecord[]> {
    const ids = (await this.redis.smembers(`${this.prefix}:ids`)).map((id) => BigInt(id));
    ids.sort(compareBackupIdsNewestFirst);
    const records: CoordinatedRecord[] = [];
    for (const id of ids) {
      const record = await this.get(id);
      if (record) records.push(record);
    }
    return records;
  }

  async remove(backupId: bigint): Promise<void> {
    await this.redis.del(this.recordKey(backupId), `${this.recordKey(backupId)}:aborted`);
    await this.redis.srem(`${this.prefix}:ids`, backupId.toString());
  }

  /** Marks a backup as given up (its later steps skip themselves); the first reason stays. */
  async abort(backupId: bigint, reason: string): Promise<void> {
    await this.redis.set(`${this.recordKey(backupId)}:aborted`, reason, 'NX');
  }

  async abortReason(backupId: bigint): Promise<string | undefined> {
    return (await this.redis.get(`${this.recordKey(backupId)}:aborted`)) ?? undefined;
  }

  /** Records that this backup is about to pause exporting, with a lease of `leaseMs`. */
  async claimPause(backupId: bigint, leaseMs: number): Promise<void> {
    await this.redis.set(this.pauseKey, backupId.toString());
    await this.redis.set(this.leaseKey, backupId.toString(), 'PX', leaseMs);
  }

  async renewLease(backupId: bigint, leaseMs: number): Promise<void> {
    await this.redis.eval(RENEW_LEASE, 2, this.pauseKey, this.leaseKey, backupId.toString(), String(leaseMs));
  }

  /** The backup that paused exporting and whether its lease is still alive. */
  async pauseOwner(): Promise<{ backupId: bigint; leaseAlive: boolean } | undefined> {
    const [owner, lease] = await Promise.all([
      this.redis.get(this.pauseKey),
      this.redis.exists(this.leaseKey),
    ]);
    return owner ? { backupId: BigInt(owner), leaseAlive: lease === 1 } : undefined;
  }

  /** `onlyIfLeaseExpired`: the watchdog's release, which must not race a daemon that renewed meanwhile. */
  async releasePause(backupId: bigint, onlyIfLeaseExpired = false): Promise<boolean> {
    const released = await this.redis.eval(
      RELEASE_PAUSE,
      2,
      this.pauseKey,
      this.leaseKey,
      backupId.toString(),
      onlyIfLeaseExpired ? 'expired' : 'any',
    );
    return released === 1;
  }

  private recordKey(backupId: bigint | string): string {
    return `${this.prefix}:${backupId}`;
  }

  private get pauseKey(): string {
    return `${this.prefix}:exporting-paused-by`;
  }

  private get leaseKey(): string {
    return `${this.prefix}:exporting-pause-lease`;
  }
}
