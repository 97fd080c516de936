import { Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { BackupMetricsObserver } from './backup-metrics.observer.js';
import { QueueDepthGauge } from './queue-depth.gauge.js';

/** /actuator/prometheus on the orchestrator port: process defaults plus the backup metrics. */
@Module({
  imports: [PrometheusModule.register({ path: '/actuator/prometheus', defaultMetrics: { enabled: true } })],
  providers: [BackupMetricsObserver, QueueDepthGauge],
})
export class MetricsModule {}
