import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  type BackupFinishedEvent,
  BackupEvents,
  type CoordinatedFinishedEvent,
  type RestoreFinishedEvent,
} from '../../backup/backup-events.js';
import { ORCHESTRATOR_CONFIG } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { RedisConnections } from '../../core/redis/redis-connections.js';
import { withRedis } from '../../core/redis/with-redis.js';
import { NOTIFICATION_QUEUE } from '../../jobs/queue-names.js';
import { outageBounds, retryTransient } from '../../jobs/transient-retry.js';
import { BackupFreshness } from '../health/backup-freshness.service.js';
import { finishedNotification, type Notification, staleNotification } from './notification.js';
import { type NotificationJobData, webhookId } from './notification-job.js';

/** Deliveries are retried for about an hour (1 s, 2 s, 4 s … 34 min apart) before they fail. */
export const DELIVERY_OPTIONS = {
  attempts: 13,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/**
 * Turns ended backups and restores, and components whose freshness went DOWN, into notifications
 * (NOTIFY_ON), one delivery job per webhook (NOTIFY_WEBHOOK_URLS). Enqueueing happens beside the
 * backup: its job never waits for it. "stale" fires once per DOWN period across every daemon and
 * restart: a mark in Redis is taken atomically when freshness goes DOWN and dropped when it is UP again.
 */
@Injectable()
export class Notifier
  implements OnModuleInit, OnModuleDestroy, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('Notifications');
  private readonly redis?: Redis;
  private readonly staleKeyPrefix: string;
  private timer?: NodeJS.Timeout;
  private checking = false;

  private readonly onBackup = (event: BackupFinishedEvent): void =>
    this.notify(finishedNotification(event.component, event));
  private readonly onCoordinated = (event: CoordinatedFinishedEvent): void =>
    this.notify(finishedNotification('coordinated', event));
  private readonly onRestore = (event: RestoreFinishedEvent): void =>
    this.notify(finishedNotification('restore', event));

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(BackupEvents) private readonly events: BackupEvents,
    @Inject(BackupFreshness) private readonly freshness: BackupFreshness,
    @InjectQueue(NOTIFICATION_QUEUE) private readonly queue: Queue<NotificationJobData>,
    @Inject(RedisConnections) connections: RedisConnections,
  ) {
    this.staleKeyPrefix = `${config.queuePrefix}:ops:stale-notified`;
    if (this.watchesFreshness) this.redis = connections.client('stale notifications');
  }

  private get enabled(): boolean {
    return this.config.operations.notify.webhookUrls.length > 0;
  }

  private get watchesFreshness(): boolean {
    return (
      this.enabled &&
      this.config.operations.notify.on.includes('stale') &&
      this.config.operations.freshnessMaxAgeMs !== undefined
    );
  }

  onModuleInit(): void {
    if (!this.enabled) return;
    this.events.on('backup.finished', this.onBackup);
    this.events.on('coordinated.finished', this.onCoordinated);
    this.events.on('restore.finished', this.onRestore);
  }

  onModuleDestroy(): void {
    this.events.off('backup.finished', this.onBackup);
    this.events.off('coordinated.finished', this.onCoordinated);
    this.events.off('restore.finished', this.onRestore);
  }

  onApplicationBootstrap(): void {
    if (!this.watchesFreshness) return;
    // Often enough to tell within a tenth of the maximum age, at most once a second, at least once a minute.
    const intervalMs = Math.min(
      60_000,
      Math.max(1000, Math.floor(this.config.operations.freshnessMaxAgeMs! / 10)),
    );
    this.timer = setInterval(() => void this.checkFreshness(), intervalMs);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Judges every enabled component with a repository; notifies those that went DOWN since the last check. */
  async checkFreshness(): Promise<void> {
    if (this.checking || !this.redis) return;
    this.checking = true;
    try {
      for (const component of SNAPSHOT_COMPONENTS) {
        if (!this.config.components[component].enabled || !this.freshness.applies(component)) continue;
        const verdict = await this.freshness.judge(component).catch(() => undefined);
        // No verdict (datastore unreachable) is not staleness: the health endpoint says that.
        if (!verdict) continue;
        const key = `${this.staleKeyPrefix}:${component}`;
        if (verdict.status === 'UP') {
          await withRedis('clearing a stale mark', () => this.redis!.del(key)).catch(() => undefined);
          continue;
        }
        const first = await withRedis('taking a stale mark', () =>
          this.redis!.set(key, String(Date.now()), 'NX'),
        ).catch(() => undefined);
        if (first === 'OK') {
          this.logger.warn({ msg: `${component} backups are stale: ${verdict.details.message}`, component });
          this.notify(staleNotification(component, verdict));
        }
      }
    } finally {
      this.checking = false;
    }
  }

  private notify(notification: Notification | undefined): void {
    if (!notification || !this.config.operations.notify.on.includes(notification.event)) return;
    for (const url of this.config.operations.notify.webhookUrls) {
      const data: NotificationJobData = { webhook: webhookId(url), notification };
      retryTransient(
        `queueing the ${notification.event} notification of ${notification.component} ${notification.backupId ?? ''}`.trim(),
        () =>
          withRedis('queueing a notification', () =>
            this.queue.add(notification.event, data, DELIVERY_OPTIONS),
          ),
        outageBounds(this.config),
        this.logger,
      ).catch((error: Error) => this.logger.error(`A notification was lost: ${error.message}`));
    }
  }
}
