import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import { closeWorkersWithin } from '../backup/close-workers.js';
import { ORCHESTRATOR_CONFIG } from '../config/config.tokens.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';
import { CoordinatedStepRunner } from './coordinated-step-runner.service.js';
import { COORDINATED_QUEUE, type StepJobData, type StepResult } from './coordinated-steps.js';
import { CoordinatedStore } from './coordinated-store.js';

/**
 * The worker of coordinated-backup steps (concurrency 1: one step at a time per daemon). While a
 * step runs it renews the exporting-pause lease of its backup, so other daemons know it is alive.
 */
@Injectable()
export class CoordinatedWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CoordinatedWorker.name);
  private worker?: Worker<StepJobData, StepResult>;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(CoordinatedStepRunner) private readonly runner: CoordinatedStepRunner,
    @Inject(CoordinatedStore) private readonly store: CoordinatedStore,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<StepJobData, StepResult>(COORDINATED_QUEUE, (job) => this.process(job), {
      connection: { url: this.config.redisUrl },
      prefix: this.config.queuePrefix,
      concurrency: 1,
    });
    this.worker.on('error', (error) => this.logger.error(`coordinated worker: ${error.message}`));
    this.worker.on('failed', (job, error) => {
      if (job)
        this.logger.error(
          `Coordinated backup ${job.data.backupId}: ${job.data.step} failed: ${error.message}`,
        );
    });
  }

  private async process(job: Job<StepJobData, StepResult>): Promise<StepResult> {
    const backupId = BigInt(job.data.backupId);
    const leaseMs = this.config.coordination.zeebePauseLeaseMs;
    const renew = (): void => {
      this.store.renewLease(backupId, leaseMs).catch((error: Error) => {
        this.logger.warn(`Could not renew the exporting-pause lease of ${backupId}: ${error.message}`);
      });
    };
    renew();
    const timer = setInterval(renew, Math.max(100, Math.floor(leaseMs / 3)));
    try {
      return await this.runner.run(job);
    } finally {
      clearInterval(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker) await closeWorkersWithin([this.worker], this.config.shutdownGraceMs, this.logger);
  }
}
