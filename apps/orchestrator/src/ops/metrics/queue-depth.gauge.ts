import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { Gauge, register } from 'prom-client';
import { BackupQueues } from '../../backup/backup-queues.js';
import { ORCHESTRATOR_CONFIG } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { METRIC } from './metric-names.js';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
/** A scrape must not hang on a dead Redis. */
const READ_TIMEOUT_MS = 1000;

/** Jobs per component queue and state, read from Redis at scrape time (absent while Redis is down). */
@Injectable()
export class QueueDepthGauge implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Metrics');
  private gauge?: Gauge<'component' | 'state'>;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(BackupQueues) private readonly queues: BackupQueues,
  ) {}

  onModuleInit(): void {
    const queues = this.queues;
    const components = SNAPSHOT_COMPONENTS.filter((component) => this.config.components[component].enabled);
    const logger = this.logger;
    this.gauge = new Gauge({
      name: METRIC.queueJobs,
      help: 'Backup jobs in each component queue by state',
      labelNames: ['component', 'state'],
      registers: [register],
      async collect() {
        this.reset();
        for (const component of components) {
          try {
            const counts = await withTimeout(queues.queue(component).getJobCounts(...STATES));
            for (const state of STATES) this.set({ component, state }, counts[state] ?? 0);
          } catch (error) {
            logger.warn(`queue depth of ${component} unavailable: ${(error as Error).message}`);
          }
        }
      },
    });
  }

  onModuleDestroy(): void {
    if (this.gauge) register.removeSingleMetric(METRIC.queueJobs);
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
