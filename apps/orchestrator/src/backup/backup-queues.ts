import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { ComponentName } from '@app/snapshot-planning';
import type { Job, JobState, Queue } from 'bullmq';
import { backupQueueName, PENDING_JOB_STATES } from '../jobs/queue-names.js';
import { DomainError } from '../core/errors/domain-error.js';
import { BACKUP_JOB_NAME, type BackupJobData, backupJobId } from './backup-job.js';
import { CancellationMarks } from './cancellation-marks.js';
import { RedisConnections } from '../core/redis/redis-connections.js';

export type BackupJob = Job<BackupJobData>;

/** How long an HTTP request waits for Redis before answering 503. */
const REDIS_REQUEST_TIMEOUT_MS = 3000;

export interface BackupJobStatus {
  job: BackupJob;
  state: JobState | 'unknown';
}

/** The per-component backup queues, and the job facts the APIs need (pending, failed, cancelled). */
@Injectable()
export class BackupQueues {
  private readonly queues: Record<ComponentName, Queue<BackupJobData>>;

  constructor(
    @Inject(CancellationMarks) private readonly cancellations: CancellationMarks,
    @Inject(RedisConnections) private readonly redis: RedisConnections,
    @InjectQueue(backupQueueName('optimize')) optimize: Queue<BackupJobData>,
    @InjectQueue(backupQueueName('operate')) operate: Queue<BackupJobData>,
    @InjectQueue(backupQueueName('tasklist')) tasklist: Queue<BackupJobData>,
  ) {
    this.queues = { optimize, operate, tasklist };
  }

  queue(component: ComponentName): Queue<BackupJobData> {
    return this.queues[component];
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
      if (stored?.data.acceptanceToken === data.acceptanceToken) {
        // Not acknowledged before a replica holds it: a failover right now could lose it.
        await this.redis.confirmReplicated();
        return { accepted: true };
      }
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
      if (error instanceof DomainError) throw error;
      throw new DomainError(
        'queue_unavailable',
        `Redis (the backup queue) is unavailable while ${operation}: ${(error as Error).message}. Retry when Redis is back.`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
