import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { parseBackupIdText } from '@app/snapshot-planning';
import { JobWorkers } from '../jobs/job-workers.js';
import { RESTORE_QUEUE } from '../jobs/queue-names.js';
import type { RestoreJobData, RestoreProgress } from './restore-job.js';
import { RestoreRunner } from './restore-runner.service.js';

/**
 * One restore at a time per daemon. A restore whose daemon died is resumed by the next worker from
 * its saved progress (RestoreRunner); one that kills its daemon again and again fails with a reason.
 */
@Injectable()
export class RestoreWorker implements OnModuleInit {
  constructor(
    @Inject(RestoreRunner) private readonly runner: RestoreRunner,
    @Inject(JobWorkers) private readonly workers: JobWorkers,
  ) {}

  onModuleInit(): void {
    this.workers.require(RESTORE_QUEUE);
    this.workers.register<RestoreJobData, RestoreProgress>({
      queue: RESTORE_QUEUE,
      parseData: parseRestoreJobData,
      process: (job) => this.runner.run(job),
      maxStalledCount: 3,
      describe: (job) => `Restore of backup ${job.data.backupId}`,
    });
  }
}

function isStep(step: unknown): boolean {
  const s = (step ?? {}) as Record<string, unknown>;
  return (
    typeof s.component === 'string' && typeof s.repository === 'string' && typeof s.snapshot === 'string'
  );
}

function parseRestoreJobData(raw: unknown): RestoreJobData {
  const data = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof data.backupId !== 'string' || !parseBackupIdText(data.backupId).ok) {
    throw new Error('backupId is missing or invalid');
  }
  if (!Array.isArray(data.steps) || !data.steps.every(isStep))
    throw new Error('steps are missing or invalid');
  if (!Array.isArray(data.components)) throw new Error('components are missing');
  if (!Array.isArray(data.indicesToDelete) || !data.indicesToDelete.every((n) => typeof n === 'string')) {
    throw new Error('indicesToDelete is missing or invalid');
  }
  if (typeof data.acceptedAt !== 'number') throw new Error('acceptedAt is missing');
  return data as unknown as RestoreJobData;
}
