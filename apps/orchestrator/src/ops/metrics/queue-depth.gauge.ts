import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { Gauge, register } from 'prom-client';
import { BackupQueues } from '../../backup/backup-queues.js';
import { ORCHESTRATOR_CONFIG } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { METRIC } from './metric-names.js';
import { SCRAPE_READ_TIMEOUT_MS } from './outcome-store.js';
import { withTimeout } from '../with-timeout.js';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

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
        // Side by side: a hanging Redis costs a scrape one bound, not one per component.
        const read = await Promise.allSettled(
          components.map((component) =>
            withTimeout(queues.queue(component).getJobCounts(...STATES), SCRAPE_READ_TIMEOUT_MS),
          ),
        );
        read.forEach((result, index) => {
          const component = components[index]!;
          if (result.status === 'rejected') {
            logger.warn(`queue depth of ${component} unavailable: ${(result.reason as Error).message}`);
            return;
          }
          for (const state of STATES) this.set({ component, state }, result.value[state] ?? 0);
        });
      },
    });
  }

  onModuleDestroy(): void {
    if (this.gauge) register.removeSingleMetric(METRIC.queueJobs);
  }
}
