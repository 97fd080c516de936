import { Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { BackupModule } from '../../backup/backup.module.js';
import { CatalogModule } from '../../catalog/catalog.module.js';
import { CoordinatedModule } from '../../coordinated/coordinated.module.js';
import { MetricsController } from './metrics.controller.js';
import { BackupMetricsObserver } from './backup-metrics.observer.js';
import { OutcomeMetrics } from './outcome-metrics.js';
import { OutcomeSeeding } from './outcome-seeding.service.js';
import { OutcomeStore } from './outcome-store.js';
import { QueueDepthGauge } from './queue-depth.gauge.js';

/** /actuator/prometheus on the orchestrator port: process defaults, the backup metrics, and
 * the backup and restore outcomes kept in Redis (outcome-metrics.ts). */
@Module({
  imports: [
    PrometheusModule.register({
      path: '/actuator/prometheus',
      controller: MetricsController,
      defaultMetrics: { enabled: true },
    }),
    BackupModule,
    CoordinatedModule,
    CatalogModule,
  ],
  providers: [BackupMetricsObserver, QueueDepthGauge, OutcomeStore, OutcomeSeeding, OutcomeMetrics],
})
export class MetricsModule {}
