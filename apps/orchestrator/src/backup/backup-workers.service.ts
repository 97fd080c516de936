import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { JobWorkers } from '../jobs/job-workers.js';
import { backupQueueName } from '../jobs/queue-names.js';
import { type BackupJobData, parseBackupJobData } from './backup-job.js';
import { BackupCancelledError, BackupRunner } from './backup-runner.service.js';

/**
 * One worker per enabled component with a global concurrency of 1 per queue: backups of a component
 * run one at a time, in order, however many daemons share the Redis. A job whose daemon died is
 * resumed from the datastore's state; one that kills its daemon again and again fails with a reason.
 */
@Injectable()
export class BackupWorkers implements OnModuleInit {
  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(BackupRunner) private readonly runner: BackupRunner,
    @Inject(JobWorkers) private readonly workers: JobWorkers,
  ) {}

  onModuleInit(): void {
    for (const component of SNAPSHOT_COMPONENTS.filter((c) => this.config.components[c].enabled)) {
      const queue = backupQueueName(component);
      this.workers.require(queue);
      this.workers.register<BackupJobData, { parts: string[] }>({
        queue,
        parseData: parseBackupJobData,
        process: (job) => this.runner.run(job),
        globalConcurrency: 1,
        maxStalledCount: 3,
        isQuietFailure: (error) => error instanceof BackupCancelledError,
        describe: (job) => `${component} backup ${job.data.backupId}`,
      });
    }
  }
}
