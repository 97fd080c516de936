import { RESTORE_QUEUE } from '../jobs/queue-names.js';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job, JobState, Queue } from 'bullmq';
import { DomainError } from '../core/errors/domain-error.js';
import { withRedis } from '../core/redis/with-redis.js';
import { OperationSlot } from '../coordinated/operation-slot.service.js';
import { type RestoreJobData, type RestoreProgress, type RestoreView } from './restore-job.js';
import { PENDING_JOB_STATES, restoreJobId } from '../jobs/queue-names.js';
import { RestorePrechecks } from './restore-prechecks.service.js';
import type { RestoreRequest } from './restore.request.js';

/** Accepts restores after their pre-checks, and shows their progress. */
@Injectable()
export class Restores {
  private readonly logger = new Logger(Restores.name);

  constructor(
    @Inject(RestorePrechecks) private readonly prechecks: RestorePrechecks,
    @Inject(OperationSlot) private readonly slot: OperationSlot,
    @InjectQueue(RESTORE_QUEUE) private readonly queue: Queue<RestoreJobData, RestoreProgress>,
  ) {}

  async create(backupId: bigint, request: RestoreRequest): Promise<RestoreJobData> {
    const slot = await this.slot.acquire('restore', backupId);
    try {
      return await this.start(backupId, request);
    } catch (error) {
      await this.slot.release(slot).catch(() => undefined);
      throw error;
    }
  }

  private async start(backupId: bigint, request: RestoreRequest): Promise<RestoreJobData> {
    const plan = await this.prechecks.plan(backupId, request);
    const data: RestoreJobData = {
      backupId: backupId.toString(),
      components: plan.components,
      steps: plan.steps,
      indicesToDelete: plan.existingIndices,
      ...(plan.keptIndices.length > 0 ? { keptIndices: plan.keptIndices } : {}),
      acceptedAt: Date.now(),
    };
    if (plan.keptIndices.length > 0) {
      this.logger.warn(
        `Restore of backup ${backupId}: ${plan.keptIndices.length} existing indices are not in the backup and are kept (not deleted): ${plan.keptIndices.join(', ')}`,
      );
    }
    // The previous (finished) restore of this backup makes room for the new one.
    await withRedis(`starting the restore of backup ${backupId}`, async () => {
      await (await this.queue.getJob(restoreJobId(backupId)))?.remove();
      await this.queue.add('restore', data, { jobId: restoreJobId(backupId), attempts: 1 });
    });
    this.logger.log(
      `Accepted the restore of backup ${backupId}: ${plan.steps.map((s) => s.snapshot).join(', ')}`,
    );
    return data;
  }

  async get(backupId: bigint): Promise<RestoreView> {
    const found = await withRedis(`reading the restore of backup ${backupId}`, async () => {
      const job = await this.queue.getJob(restoreJobId(backupId));
      return job ? { job, jobState: await job.getState() } : undefined;
    });
    if (!found) throw new DomainError('not_found', `No restore of backup ${backupId}`);
    return restoreView(found.job, found.jobState);
  }

  /** Every restore the queue keeps (the last one of each backup ID), newest accepted first. */
  async list(): Promise<RestoreView[]> {
    const found = await withRedis('reading the restores', async () => {
      const byState = await Promise.all(
        RESTORE_JOB_STATES.map(async (jobState) =>
          (await this.queue.getJobs([jobState])).filter(Boolean).map((job) => ({ job, jobState })),
        ),
      );
      return byState.flat();
    });
    // A job that changed state between the reads is listed once.
    const byId = new Map(found.map((entry) => [entry.job.id, entry]));
    return [...byId.values()]
      .sort((a, b) => b.job.data.acceptedAt - a.job.data.acceptedAt)
      .map(({ job, jobState }) => restoreView(job, jobState));
  }
}

const RESTORE_JOB_STATES: JobState[] = [...PENDING_JOB_STATES, 'completed', 'failed'];

function restoreView(job: Job<RestoreJobData, RestoreProgress>, jobState: JobState | 'unknown'): RestoreView {
  const progress = (job.returnvalue ??
    (typeof job.progress === 'object' ? job.progress : {})) as Partial<RestoreProgress>;
  const restored = new Map((progress.restored ?? []).map((step) => [step.snapshot, step]));
  const state: RestoreView['state'] =
    jobState === 'completed'
      ? 'COMPLETED'
      : jobState === 'failed'
        ? 'FAILED'
        : jobState === 'active'
          ? 'IN_PROGRESS'
          : 'QUEUED';
  return {
    backupId: BigInt(job.data.backupId),
    state,
    failureReason: state === 'FAILED' ? (job.failedReason ?? null) : null,
    components: job.data.components,
    deletedIndices: progress.deletedIndices ?? 0,
    acceptedAt: new Date(job.data.acceptedAt).toISOString(),
    startedAt: job.processedOn ? new Date(job.processedOn).toISOString() : null,
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    steps: job.data.steps.map((step) => {
      const done = restored.get(step.snapshot);
      return {
        component: step.component,
        snapshot: step.snapshot,
        state: done
          ? 'RESTORED'
          : progress.current === step.snapshot && state === 'IN_PROGRESS'
            ? 'RESTORING'
            : state === 'FAILED' && progress.current === step.snapshot
              ? 'FAILED'
              : 'PENDING',
        indices: done?.indices.length ?? null,
        documents: done?.documents ?? null,
      };
    }),
  };
}
