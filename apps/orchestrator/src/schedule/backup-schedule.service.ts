import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Queue, Worker } from 'bullmq';
import { ORCHESTRATOR_CONFIG } from '../config/config.tokens.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';
import { ApiError } from '../coordinated/api-error.js';
import { CoordinatedBackups } from '../coordinated/coordinated-backup.service.js';
import { BackupRetention } from './backup-retention.service.js';
import { SCHEDULE_QUEUE, SCHEDULED_JOB_NAME, SCHEDULER_ID } from './schedule-job.js';

/**
 * BACKUP_SCHEDULE as a BullMQ job scheduler (one per Redis prefix, whatever the number of daemons):
 * every tick takes a coordinated backup (skipped while one is running) and then applies retention.
 * Without BACKUP_SCHEDULE the scheduler is removed, so an old schedule does not linger in Redis.
 */
@Injectable()
export class BackupSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BackupSchedule.name);
  private worker?: Worker;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(CoordinatedBackups) private readonly backups: CoordinatedBackups,
    @Inject(BackupRetention) private readonly retention: BackupRetention,
    @InjectQueue(SCHEDULE_QUEUE) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const pattern = this.config.coordination.schedule;
    if (!pattern) {
      await this.queue.removeJobScheduler(SCHEDULER_ID);
      return;
    }
    await this.queue.upsertJobScheduler(
      SCHEDULER_ID,
      { pattern, tz: 'UTC' },
      { name: SCHEDULED_JOB_NAME, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    this.worker = new Worker(SCHEDULE_QUEUE, () => this.tick(), {
      connection: { url: this.config.redisUrl },
      prefix: this.config.queuePrefix,
      concurrency: 1,
    });
    this.worker.on('error', (error) => this.logger.error(`schedule worker: ${error.message}`));
    this.logger.log(`Coordinated backups scheduled by BACKUP_SCHEDULE="${pattern}" (UTC)`);
  }

  async tick(): Promise<{ backupId?: string; skipped?: string; deleted: string[] }> {
    let backupId: string | undefined;
    let skipped: string | undefined;
    try {
      backupId = (await this.backups.create({}, 'schedule')).backupId;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      skipped = error.message;
      this.logger.warn(`Scheduled backup skipped: ${skipped}`);
    }
    const deleted = (await this.retention.apply()).map(String);
    return { backupId, skipped, deleted };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
