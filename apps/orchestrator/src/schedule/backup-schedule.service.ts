import { SCHEDULE_QUEUE } from '../jobs/queue-names.js';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobWorkers } from '../jobs/job-workers.js';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import { formatDuration } from '../core/config/env-reader.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { DomainError } from '../core/errors/domain-error.js';
import { withRedis } from '../core/redis/with-redis.js';
import { CoordinatedBackups } from '../coordinated/coordinated-backup.service.js';
import { BackupRetention } from './backup-retention.service.js';
import {
  type LastRunView,
  SCHEDULE_NAME,
  SCHEDULE_TIME_ZONE,
  SCHEDULED_JOB_NAME,
  SCHEDULER_ID,
  type ScheduleRun,
  type ScheduleView,
  retentionView,
} from './schedule-job.js';
import { ScheduleRunStore } from './schedule-run-store.js';

/**
 * BACKUP_SCHEDULE as a BullMQ job scheduler (one per Redis prefix, whatever the number of daemons):
 * every tick takes a coordinated backup (skipped while one is running) and then applies retention.
 * Without BACKUP_SCHEDULE the scheduler is removed, so an old schedule does not linger in Redis.
 * Each run is recorded (ScheduleRunStore) for `GET /api/v1/schedules`.
 */
@Injectable()
export class CoordinatedBackupSchedule implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(CoordinatedBackupSchedule.name);

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(CoordinatedBackups) private readonly backups: CoordinatedBackups,
    @Inject(BackupRetention) private readonly retention: BackupRetention,
    @Inject(ScheduleRunStore) private readonly runs: ScheduleRunStore,
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
      { pattern, tz: SCHEDULE_TIME_ZONE },
      { name: SCHEDULED_JOB_NAME, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    this.logger.log(`Coordinated backups scheduled by BACKUP_SCHEDULE="${pattern}" (${SCHEDULE_TIME_ZONE})`);
  }

  /** One tick: a backup (or why none), then retention; a failure fails the job after it is recorded. */
  async tick(): Promise<ScheduleRun> {
    const at = Date.now();
    let started: Pick<ScheduleRun, 'backupId' | 'skipped'>;
    try {
      started = await this.startBackup();
    } catch (error) {
      await this.runs.record(SCHEDULE_NAME, { at, error: (error as Error).message });
      throw error;
    }
    const run = await this.applyRetention(at, started);
    if (run.retention?.error) throw new Error(`Retention failed: ${run.retention.error}`);
    return run;
  }

  /** "Run now" (`POST /api/v1/schedules/{name}/run`): a tick on request, refused (changing nothing) while a backup runs. */
  async runNow(name: string): Promise<ScheduleRun & { backupId: string }> {
    this.scheduleNamed(name);
    const at = Date.now();
    const started = await this.startBackup();
    if (started.backupId === undefined) throw new DomainError('conflict', started.skipped!);
    const run = await this.applyRetention(at, started);
    return { ...run, backupId: started.backupId };
  }

  /** The schedules (`[]` without BACKUP_SCHEDULE). */
  async list(): Promise<ScheduleView[]> {
    const cron = this.config.coordination.schedule;
    if (!cron) return [];
    const { scheduler, lastRun } = await withRedis('reading the backup schedule', async () => ({
      scheduler: await this.queue.getJobScheduler(SCHEDULER_ID),
      lastRun: await this.runs.lastRun(SCHEDULE_NAME),
    }));
    const { retentionCount, retentionMaxAgeMs } = this.config.coordination;
    return [
      {
        name: SCHEDULE_NAME,
        cron,
        timeZone: SCHEDULE_TIME_ZONE,
        nextRunAt: scheduler?.next ? new Date(scheduler.next).toISOString() : null,
        retention: {
          count: retentionCount ?? null,
          maxAge: retentionMaxAgeMs === undefined ? null : formatDuration(retentionMaxAgeMs),
        },
        lastRun: lastRun ? await this.lastRunView(lastRun) : null,
      },
    ];
  }

  private scheduleNamed(name: string): void {
    if (name === SCHEDULE_NAME && this.config.coordination.schedule) return;
    throw new DomainError(
      'not_found',
      `No schedule named "${name}"${this.config.coordination.schedule ? ` (the one schedule is "${SCHEDULE_NAME}")` : ' (BACKUP_SCHEDULE is not set)'}`,
    );
  }

  private async startBackup(): Promise<Pick<ScheduleRun, 'backupId' | 'skipped'>> {
    try {
      return { backupId: (await this.backups.create({}, 'schedule')).backupId };
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
      this.logger.warn(`Scheduled backup skipped: ${error.message}`);
      return { skipped: error.message };
    }
  }

  /** Records the run, applies retention and records what it did (a retention failure is kept in the run). */
  private async applyRetention(
    at: number,
    started: Pick<ScheduleRun, 'backupId' | 'skipped'>,
  ): Promise<ScheduleRun> {
    const run: ScheduleRun = { at, ...started };
    await this.runs.record(SCHEDULE_NAME, run);
    if (!this.retention.isConfigured) return run;
    try {
      run.retention = { deleted: (await this.retention.apply()).map(String) };
    } catch (error) {
      this.logger.warn(`Retention failed: ${(error as Error).message}`);
      run.retention = { deleted: [], error: (error as Error).message };
    }
    await this.runs.record(SCHEDULE_NAME, run);
    return run;
  }

  private async lastRunView(run: ScheduleRun): Promise<LastRunView> {
    const base = {
      at: new Date(run.at).toISOString(),
      backupId: run.backupId === undefined ? null : BigInt(run.backupId),
      retention: retentionView(run.retention),
    };
    if (run.backupId === undefined) {
      return run.skipped !== undefined
        ? { ...base, outcome: 'SKIPPED', reason: run.skipped }
        : { ...base, outcome: 'ERROR', reason: run.error ?? null };
    }
    try {
      const backup = await this.backups.get(BigInt(run.backupId));
      return { ...base, outcome: backup.state, reason: backup.failureReason ?? null };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.kind === 'not_found') {
        return { ...base, outcome: 'DELETED', reason: `Backup ${run.backupId} no longer exists` };
      }
      // Its stored record cannot be read: say so here rather than failing the whole list.
      if (error.kind === 'conflict') return { ...base, outcome: 'UNKNOWN', reason: error.message };
      throw error;
    }
  }
}
