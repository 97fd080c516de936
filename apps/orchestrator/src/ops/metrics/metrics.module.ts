import { Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { BackupModule } from '../../backup/backup.module.js';
import { BackupMetricsObserver } from './backup-metrics.observer.js';
import { QueueDepthGauge } from './queue-depth.gauge.js';

/** /actuator/prometheus on the orchestrator port: process defaults plus the backup metrics. */
@Module({
  imports: [
    PrometheusModule.register({ path: '/actuator/prometheus', defaultMetrics: { enabled: true } }),
    BackupModule,
  ],
  providers: [BackupMetricsObserver, QueueDepthGauge],
})
export class MetricsModule {}
