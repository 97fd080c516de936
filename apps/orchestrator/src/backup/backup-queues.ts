import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { SnapshotComponent } from '@app/snapshot-planning';
import type { Job, JobState, Queue } from 'bullmq';
import { backupQueueName, isPending, PENDING_JOB_STATES } from '../jobs/queue-names.js';
import { withRedis } from '../core/redis/with-redis.js';
import { BACKUP_JOB_NAME, type BackupJobData, backupJobId } from './backup-job.js';
import { CancellationMarks } from './cancellation-marks.js';
import { RedisConnections } from '../core/redis/redis-connections.js';

export type BackupJob = Job<BackupJobData>;

const BACKUP_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

export interface BackupJobStatus {
  job: BackupJob;
  state: JobState | 'unknown';
}

/** The per-component backup queues, and the job facts the APIs need (pending, failed, cancelled). */
@Injectable()
export class BackupQueues {
  private readonly queues: Record<SnapshotComponent, Queue<BackupJobData>>;

  constructor(
    @Inject(CancellationMarks) private readonly cancellations: CancellationMarks,
    @Inject(RedisConnections) private readonly redis: RedisConnections,
    @InjectQueue(backupQueueName('optimize')) optimize: Queue<BackupJobData>,
    @InjectQueue(backupQueueName('operate')) operate: Queue<BackupJobData>,
    @InjectQueue(backupQueueName('tasklist')) tasklist: Queue<BackupJobData>,
    @InjectQueue(backupQueueName('webapps')) webapps: Queue<BackupJobData>,
  ) {
    this.queues = { optimize, operate, tasklist, webapps };
  }

  queue(component: SnapshotComponent): Queue<BackupJobData> {
    return this.queues[component];
  }

  /**
   * Adds the job unless one with the same deterministic ID exists. Atomic across processes: BullMQ
   * ignores the second add, so the stored acceptance token tells who won.
   */
  async addIfAbsent(data: BackupJobData): Promise<{ accepted: boolean; existing?: BackupJobStatus }> {
    const jobId = backupJobId(data.component, BigInt(data.backupId));
    const queue = this.queue(data.component);
    return withRedis(`accepting backup ${data.backupId}`, async () => {
      await queue.add(BACKUP_JOB_NAME, data, { ...BACKUP_JOB_OPTIONS, jobId });
      let stored = await queue.getJob(jobId);
      // Only what exists blocks an ID (the caller found no snapshot): a finished job of a backup whose
      // parts were deleted outside the daemon makes room, instead of blocking the ID until it expires.
      if (
        stored &&
        stored.data.acceptanceToken !== data.acceptanceToken &&
        !isPending(await stored.getState())
      ) {
        await stored.remove().catch(() => undefined);
        await this.cancellations.clear(stored);
        await queue.add(BACKUP_JOB_NAME, data, { ...BACKUP_JOB_OPTIONS, jobId });
        stored = await queue.getJob(jobId);
      }
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
  async findLiveJob(component: SnapshotComponent, backupId: bigint): Promise<BackupJobStatus | undefined> {
    return withRedis(`reading the job of backup ${backupId}`, async () => {
      const job = await this.queue(component).getJob(backupJobId(component, backupId));
      if (!job) return undefined;
      const [cancelled, state] = await Promise.all([this.cancellations.isCancelled(job), job.getState()]);
      return cancelled ? undefined : { job, state };
    });
  }

  /** Jobs that are pending or failed (the ones whose state the datastore alone cannot tell). */
  async listLiveJobs(component: SnapshotComponent): Promise<BackupJobStatus[]> {
    return withRedis('listing backup jobs', async () => {
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
}
