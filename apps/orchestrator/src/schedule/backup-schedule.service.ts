import { SCHEDULE_QUEUE } from '../jobs/queue-names.js';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobWorkers } from '../jobs/job-workers.js';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { DomainError } from '../core/errors/domain-error.js';
import { CoordinatedBackups } from '../coordinated/coordinated-backup.service.js';
import { BackupRetention } from './backup-retention.service.js';
import { SCHEDULED_JOB_NAME, SCHEDULER_ID } from './schedule-job.js';

/**
 * BACKUP_SCHEDULE as a BullMQ job scheduler (one per Redis prefix, whatever the number of daemons):
 * every tick takes a coordinated backup (skipped while one is running) and then applies retention.
 * Without BACKUP_SCHEDULE the scheduler is removed, so an old schedule does not linger in Redis.
 */
@Injectable()
export class CoordinatedBackupSchedule implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(CoordinatedBackupSchedule.name);

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(CoordinatedBackups) private readonly backups: CoordinatedBackups,
    @Inject(BackupRetention) private readonly retention: BackupRetention,
    @InjectQueue(SCHEDULE_QUEUE) private readonly queue: Queue,
    @Inject(JobWorkers) private readonly workers: JobWorkers,
  ) {}

  onModuleInit(): void {
    if (!this.config.coordination.schedule) return;
    this.workers.require(SCHEDULE_QUEUE);
    this.workers.register({
      queue: SCHEDULE_QUEUE,
      parseData: () => ({}),
      process: () => this.tick(),
      describe: (job) => `Scheduled backup ${job.id}`,
    });
  }

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
    this.logger.log(`Coordinated backups scheduled by BACKUP_SCHEDULE="${pattern}" (UTC)`);
  }

  async tick(): Promise<{ backupId?: string; skipped?: string; deleted: string[] }> {
    let backupId: string | undefined;
    let skipped: string | undefined;
    try {
      backupId = (await this.backups.create({}, 'schedule')).backupId;
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
      skipped = error.message;
      this.logger.warn(`Scheduled backup skipped: ${skipped}`);
    }
    const deleted = (await this.retention.apply()).map(String);
    return { backupId, skipped, deleted };
  }
}
