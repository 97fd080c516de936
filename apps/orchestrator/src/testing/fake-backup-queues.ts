import type { SnapshotComponent } from '@app/snapshot-planning';
import type { JobState } from 'bullmq';
import { type BackupJobData, backupJobId } from '../backup/backup-job.js';
import type { BackupJob, BackupJobStatus } from '../backup/backup-queues.js';

/** A job as the services use it: data, state, progress; no Redis behind it. */
export interface FakeJob {
  id: string;
  data: BackupJobData;
  state: JobState;
  opts: { attempts: number };
  attemptsMade: number;
  progress: unknown;
  updateData(data: BackupJobData): Promise<void>;
  updateProgress(progress: unknown): Promise<void>;
  getState(): Promise<JobState>;
  remove(): Promise<void>;
}

/**
 * BackupQueues without Redis, for service-level specs: one job per component and backup ID (a
 * second add with the same ID is ignored, as BullMQ does), states set by the spec.
 */
export class FakeBackupQueues {
  readonly jobs = new Map<string, FakeJob>();

  async addIfAbsent(data: BackupJobData): Promise<{ accepted: boolean; existing?: BackupJobStatus }> {
    const id = backupJobId(data.component, BigInt(data.backupId));
    const existing = this.jobs.get(id);
    if (existing)
      return { accepted: false, existing: { job: existing as unknown as BackupJob, state: existing.state } };
    const jobs = this.jobs;
    const job: FakeJob = {
      id,
      data,
      state: 'waiting',
      opts: { attempts: 3 },
      attemptsMade: 0,
      progress: 0,
      async updateData(next) {
        job.data = next;
      },
      async updateProgress(progress) {
        job.progress = progress;
      },
      async getState() {
        return job.state;
      },
      async remove() {
        jobs.delete(id);
      },
    };
    this.jobs.set(id, job);
    return { accepted: true };
  }

  async findLiveJob(component: SnapshotComponent, backupId: bigint): Promise<BackupJobStatus | undefined> {
    const job = this.jobs.get(backupJobId(component, backupId));
    return job ? { job: job as unknown as BackupJob, state: job.state } : undefined;
  }

  async listLiveJobs(component: SnapshotComponent): Promise<BackupJobStatus[]> {
    return [...this.jobs.values()]
      .filter((job) => job.data.component === component && job.state !== 'completed')
      .map((job) => ({ job: job as unknown as BackupJob, state: job.state }));
  }

  job(component: SnapshotComponent, backupId: bigint): FakeJob {
    const job = this.jobs.get(backupJobId(component, backupId));
    if (!job) throw new Error(`no job for ${component} ${backupId}`);
    return job;
  }
}
