import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { COMPONENTS } from '@app/snapshot-planning';
import { Worker } from 'bullmq';
import { ORCHESTRATOR_CONFIG } from '../config/config.tokens.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';
import { type BackupJobData, backupQueueName } from './backup-job.js';
import { BackupCancelledError, BackupRunner } from './backup-runner.service.js';

/**
 * One BullMQ worker per enabled component, concurrency 1: backups of a component run one at a time,
 * in order. Shutdown stops taking jobs and waits up to SHUTDOWN_GRACE_MS for the running step; a job
 * cut off then is picked up again (stalled-job recovery) and resumes from the datastore's state.
 */
@Injectable()
export class BackupWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BackupWorkers.name);
  private readonly workers: Worker<BackupJobData>[] = [];

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(BackupRunner) private readonly runner: BackupRunner,
  ) {}

  onApplicationBootstrap(): void {
    for (const component of COMPONENTS.filter((c) => this.config.components[c].enabled)) {
      const worker = new Worker<BackupJobData>(backupQueueName(component), (job) => this.runner.run(job), {
        connection: { url: this.config.redisUrl },
        prefix: this.config.queuePrefix,
        concurrency: 1,
      });
      worker.on('error', (error) => this.logger.error(`${component} worker: ${error.message}`));
      worker.on('failed', (job, error) => {
        if (!job || error instanceof BackupCancelledError) return;
        this.logger.error(`${component} backup ${job.data.backupId} failed: ${error.message}`);
      });
      this.workers.push(worker);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const closing = Promise.all(this.workers.map((worker) => worker.close()));
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.config.shutdownGraceMs);
    });
    const outcome = await Promise.race([closing.then(() => 'closed' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn(
        `Backup steps still running after SHUTDOWN_GRACE_MS=${this.config.shutdownGraceMs} ms: closing anyway; they resume on the next start`,
      );
      await Promise.all(this.workers.map((worker) => worker.close(true)));
    }
  }
}
