import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { ComponentName } from '@app/snapshot-planning';
import type { Job, JobState, Queue } from 'bullmq';
import { BackupError } from './backup-errors.js';
import { BACKUP_JOB_NAME, type BackupJobData, backupJobId, backupQueueName } from './backup-job.js';
import { CancellationMarks } from './cancellation-marks.js';

export type BackupJob = Job<BackupJobData>;

/** Job states in which the daemon still has work to do for a backup. */
export const PENDING_JOB_STATES: readonly JobState[] = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
];

/** How long an HTTP request waits for Redis before answering 503. */
const REDIS_REQUEST_TIMEOUT_MS = 3000;

export interface BackupJobStatus {
  job: BackupJob;
  state: JobState | 'unknown';
}

/** The per-component backup queues, and the job facts the APIs need (pending, failed, cancelled). */
@Injectable()
export class BackupQueues {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(CancellationMarks) private readonly cancellations: CancellationMarks,
  ) {}

  queue(component: ComponentName): Queue<BackupJobData> {
    return this.moduleRef.get(getQueueToken(backupQueueName(component)), { strict: false });
  }

  /**
   * Adds the job unless one with the same deterministic ID exists. Atomic across processes: BullMQ
   * ignores the second add, so the stored acceptance token tells who won.
   */
  async addIfAbsent(data: BackupJobData): Promise<{ accepted: boolean; existing?: BackupJobStatus }> {
    const jobId = backupJobId(data.component, BigInt(data.backupId));
    const queue = this.queue(data.component);
    return this.withRedis(`accepting backup ${data.backupId}`, async () => {
      await queue.add(BACKUP_JOB_NAME, data, {
        jobId,
        attempts: 3,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
        removeOnFail: { age: 30 * 24 * 3600 },
      });
      const stored = await queue.getJob(jobId);
      if (stored?.data.acceptanceToken === data.acceptanceToken) return { accepted: true };
      return {
        accepted: false,
        existing: stored ? { job: stored, state: await stored.getState() } : undefined,
      };
    });
  }

  /** The job of this backup, unless there is none or it was cancelled by a DELETE. */
  async findLiveJob(component: ComponentName, backupId: bigint): Promise<BackupJobStatus | undefined> {
    return this.withRedis(`reading the job of backup ${backupId}`, async () => {
      const job = await this.queue(component).getJob(backupJobId(component, backupId));
      if (!job) return undefined;
      const [cancelled, state] = await Promise.all([this.cancellations.isCancelled(job), job.getState()]);
      return cancelled ? undefined : { job, state };
    });
  }

  /** Jobs that are pending or failed (the ones whose state the datastore alone cannot tell). */
  async listLiveJobs(component: ComponentName): Promise<BackupJobStatus[]> {
    return this.withRedis('listing backup jobs', async () => {
      const queue = this.queue(component);
      const byState = await Promise.all(
        [...PENDING_JOB_STATES, 'failed' as JobState].map(async (state) => {
          const jobs = (await queue.getJobs([state])).filter((job): job is BackupJob => Boolean(job));
          const cancelled = await Promise.all(jobs.map((job) => this.cancellations.isCancelled(job)));
          return jobs.filter((_, index) => !cancelled[index]).map((job) => ({ job, state }));
        }),
      );
      return byState.flat();
    });
  }

  async withRedis<T>(operation: string, work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${REDIS_REQUEST_TIMEOUT_MS} ms`)),
        REDIS_REQUEST_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([work(), timeout]);
    } catch (error) {
      if (error instanceof BackupError) throw error;
      throw new BackupError(
        'queue_unavailable',
        `Redis (the backup queue) is unavailable while ${operation}: ${(error as Error).message}. Retry when Redis is back.`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
