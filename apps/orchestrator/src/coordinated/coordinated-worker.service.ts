import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { isValidBackupId, SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import type { Job } from 'bullmq';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { JobWorkers } from '../jobs/job-workers.js';
import { COORDINATED_QUEUE } from '../jobs/queue-names.js';
import { CoordinatedStepRunner } from './coordinated-step-runner.service.js';
import { STEP_NAMES, type StepJobData, type StepResult } from './coordinated-steps.js';
import { CoordinatedStore } from './coordinated-store.js';

/**
 * The worker of coordinated-backup steps: the component steps of a backup run in parallel (one
 * coordinated backup runs at a time, so at most its components' steps at once). While a step runs it
 * renews the exporting-pause lease of its backup, so other daemons know it is alive.
 */
@Injectable()
export class CoordinatedWorker implements OnModuleInit {
  private readonly logger = new Logger(CoordinatedWorker.name);

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(CoordinatedStepRunner) private readonly runner: CoordinatedStepRunner,
    @Inject(CoordinatedStore) private readonly store: CoordinatedStore,
    @Inject(JobWorkers) private readonly workers: JobWorkers,
  ) {}

  onModuleInit(): void {
    this.workers.require(COORDINATED_QUEUE);
    this.workers.register<StepJobData, StepResult>({
      queue: COORDINATED_QUEUE,
      concurrency: SNAPSHOT_COMPONENTS.length,
      parseData: parseStepJobData,
      process: (job) => this.process(job),
      describe: (job) => `Coordinated backup ${job.data.backupId}: ${job.data.step}`,
    });
  }

  private async process(job: Job<StepJobData, StepResult>): Promise<StepResult> {
    const backupId = BigInt(job.data.backupId);
    const leaseMs = this.config.coordination.zeebePauseLeaseMs;
    let failing = false;
    const renew = (): void => {
      this.store.renewLease(backupId, leaseMs).then(
        () => {
          if (failing) this.logger.log(`The exporting-pause lease of ${backupId} is renewed again`);
          failing = false;
        },
        (error: Error) => {
          if (!failing)
            this.logger.warn(`Could not renew the exporting-pause lease of ${backupId}: ${error.message}`);
          failing = true;
        },
      );
    };
    renew();
    const timer = setInterval(renew, Math.max(100, Math.floor(leaseMs / 3)));
    try {
      return await this.runner.run(job);
    } finally {
      clearInterval(timer);
    }
  }
}

function parseStepJobData(raw: unknown): StepJobData {
  const data = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (
    typeof data.backupId !== 'string' ||
    !/^\d+$/.test(data.backupId) ||
    !isValidBackupId(BigInt(data.backupId))
  ) {
    throw new Error('backupId is missing or invalid');
  }
  if (!(STEP_NAMES as readonly unknown[]).includes(data.step)) throw new Error('step is missing or invalid');
  return data as unknown as StepJobData;
}
