import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { COMPONENTS, type ComponentName } from '@app/snapshot-planning';
import { Worker } from 'bullmq';
import { ORCHESTRATOR_CONFIG } from '../config/config.tokens.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';
import { type BackupJobData, backupQueueName } from './backup-job.js';
import { BackupQueues } from './backup-queues.js';
import { closeWorkersWithin } from './close-workers.js';
import { BackupCancelledError, BackupRunner } from './backup-runner.service.js';

/**
 * One BullMQ worker per enabled component, and a global concurrency of 1 per queue: backups of a
 * component run one at a time, in order, however many daemons share the Redis. Shutdown stops taking jobs and waits up to SHUTDOWN_GRACE_MS for the running step; a job
 * cut off then is picked up again (stalled-job recovery) and resumes from the datastore's state.
 */
@Injectable()
export class BackupWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BackupWorkers.name);
  private readonly workers: Worker<BackupJobData>[] = [];
  private readonly retryTimers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(BackupRunner) private readonly runner: BackupRunner,
    @Inject(BackupQueues) private readonly queues: BackupQueues,
  ) {}

  onApplicationBootstrap(): void {
    for (const component of COMPONENTS.filter((c) => this.config.components[c].enabled)) {
      this.limitToOneAtATime(component);
      const worker = new Worker<BackupJobData>(backupQueueName(component), (job) => this.runner.run(job), {
        connection: { url: this.config.redisUrl },
        prefix: this.config.queuePrefix,
        concurrency: 1,
        lockDuration: this.config.jobLockMs,
        stalledInterval: this.config.stalledCheckMs,
        // A job whose daemon died is resumed; one that kills its daemon again and again fails with a reason.
        maxStalledCount: 3,
      });
      worker.on('error', (error) =>
        this.logger.error({ msg: `${component} worker: ${error.message}`, component }),
      );
      worker.on('failed', (job, error) => {
        if (!job || error instanceof BackupCancelledError) return;
        this.logger.error({
          msg: `${component} backup ${job.data.backupId} failed: ${error.message}`,
          component,
          backupId: job.data.backupId,
        });
      });
      this.workers.push(worker);
    }
  }

  /** One backup per component at a time across every daemon sharing this Redis; retried until Redis answers. */
  private limitToOneAtATime(component: ComponentName): void {
    this.queues
      .withRedis(`limiting ${component} backups to one at a time`, () =>
        this.queues.queue(component).setGlobalConcurrency(1),
      )
      .catch((error: Error) => {
        this.logger.warn(`${error.message}; trying again in 10 s`);
        this.retryTimers.push(setTimeout(() => this.limitToOneAtATime(component), 10_000).unref());
      });
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.retryTimers) clearTimeout(timer);
    await closeWorkersWithin(this.workers, this.config.shutdownGraceMs, this.logger);
  }
}
