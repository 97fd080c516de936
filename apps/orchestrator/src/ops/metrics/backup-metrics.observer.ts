import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Counter, Histogram, register } from 'prom-client';
import {
  type BackupFinishedEvent,
  BackupEvents,
  type PartFinishedEvent,
} from '../../backup/backup-events.js';
import { METRIC } from './metric-names.js';

/** Backups by component and final state, and part durations, from the worker's BackupEvents. */
@Injectable()
export class BackupMetricsObserver implements OnModuleInit, OnModuleDestroy {
  private readonly backups = new Counter({
    name: METRIC.backups,
    help: 'Backups that reached a final state, by component and outcome (COMPLETED, FAILED, CANCELLED)',
    labelNames: ['component', 'outcome'],
    registers: [register],
  });
  private readonly partDuration = new Histogram({
    name: METRIC.partDuration,
    help: 'Time from creating a snapshot part to its final state, by component and state',
    labelNames: ['component', 'state'],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600],
    registers: [register],
  });

  private readonly onBackup = (event: BackupFinishedEvent): void => {
    this.backups.inc({ component: event.component, outcome: event.outcome });
  };
  private readonly onPart = (event: PartFinishedEvent): void => {
    this.partDuration.observe({ component: event.component, state: event.state }, event.durationMs / 1000);
  };

  constructor(@Inject(BackupEvents) private readonly events: BackupEvents) {}

  onModuleInit(): void {
    this.events.on('backup.finished', this.onBackup);
    this.events.on('part.finished', this.onPart);
  }

  onModuleDestroy(): void {
    this.events.off('backup.finished', this.onBackup);
    this.events.off('part.finished', this.onPart);
    register.removeSingleMetric(METRIC.backups);
    register.removeSingleMetric(METRIC.partDuration);
  }
}
