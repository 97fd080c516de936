import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Worker } from 'bullmq';
import { closeWorkersWithin } from '../backup/close-workers.js';
import { ORCHESTRATOR_CONFIG } from '../config/config.tokens.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';
import { RESTORE_QUEUE, type RestoreJobData, type RestoreProgress } from './restore-job.js';
import { RestoreRunner } from './restore-runner.service.js';

/**
 * One restore at a time per daemon. A restore cut off by a crash is not run again (maxStalledCount 0):
 * it fails, and the operator repeats it with deleteExistingIndices.
 */
@Injectable()
export class RestoreWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RestoreWorker.name);
  private worker?: Worker<RestoreJobData, RestoreProgress>;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(RestoreRunner) private readonly runner: RestoreRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<RestoreJobData, RestoreProgress>(RESTORE_QUEUE, (job) => this.runner.run(job), {
      connection: { url: this.config.redisUrl },
      prefix: this.config.queuePrefix,
      concurrency: 1,
      maxStalledCount: 0,
    });
    this.worker.on('error', (error) => this.logger.error(`restore worker: ${error.message}`));
    this.worker.on('failed', (job, error) => {
      if (job) this.logger.error(`Restore of backup ${job.data.backupId} failed: ${error.message}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker) await closeWorkersWithin([this.worker], this.config.shutdownGraceMs, this.logger);
  }
}
