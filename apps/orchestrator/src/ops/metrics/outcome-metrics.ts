import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { type Metric, register } from 'prom-client';
import {
  type BackupFinishedEvent,
  BackupEvents,
  type CoordinatedFinishedEvent,
  type RestoreFinishedEvent,
} from '../../backup/backup-events.js';
import { ORCHESTRATOR_CONFIG } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { CoordinatedStore } from '../../coordinated/coordinated-store.js';
import { METRIC } from './metric-names.js';
import {
  type BackupSubject,
  DURATION_BUCKETS_SECONDS,
  type DurationHistogram,
  type Outcome,
  type OutcomeSubject,
  type OutcomeSummary,
} from './outcome-record.js';
import { OutcomeSeeding } from './outcome-seeding.service.js';
import { SCRAPE_READ_TIMEOUT_MS, OutcomeStore } from './outcome-store.js';
import { withTimeout } from '../with-timeout.js';

/**
 * The backup and restore outcome metrics (contract §8): recorded in Redis when a backup or restore
 * ends (OutcomeStore), and exported at scrape time from there, so they survive a daemon restart and
 * agree across daemons. A scrape reads Redis once for all of them, bounded; while Redis does not
 * answer they are absent (a Prometheus `absent()` or the scrape's staleness shows it).
 */
@Injectable()
export class OutcomeMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Metrics');
  private readonly subjects: BackupSubject[];
  private pendingRead?: Promise<Map<OutcomeSubject, OutcomeSummary> | undefined>;
  private readFailing = false;
  private readonly registered: string[] = [];

  private readonly onBackup = (event: BackupFinishedEvent): void =>
    this.record(event.component, event.outcome, event.finishedAt ?? Date.now(), event.durationMs);
  private readonly onCoordinated = (event: CoordinatedFinishedEvent): void =>
    this.record('coordinated', event.outcome, event.finishedAt, event.durationMs);
  private readonly onRestore = (event: RestoreFinishedEvent): void =>
    this.record('restore', event.outcome, event.finishedAt, event.durationMs);

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) config: OrchestratorConfig,
    @Inject(BackupEvents) private readonly events: BackupEvents,
    @Inject(OutcomeStore) private readonly store: OutcomeStore,
    @Inject(CoordinatedStore) private readonly coordinated: CoordinatedStore,
    @Inject(OutcomeSeeding) private readonly seeding: OutcomeSeeding,
  ) {
    this.subjects = [...SNAPSHOT_COMPONENTS.filter((name) => config.components[name].enabled), 'coordinated'];
  }

  onModuleInit(): void {
    this.events.on('backup.finished', this.onBackup);
    this.events.on('coordinated.finished', this.onCoordinated);
    this.events.on('restore.finished', this.onRestore);
    const perSubject =
      (valueOf: (summary: OutcomeSummary) => number | undefined) => async (): Promise<StoredValue[]> => {
        const read = await this.summaries();
        return this.subjects.flatMap((subject) => {
          const summary = read?.get(subject);
          const value = summary && valueOf(summary);
          return value === undefined ? [] : [{ labels: { component: subject }, value }];
        });
      };
    const ofRestores =
      (valueOf: (summary: OutcomeSummary) => number | undefined) => async (): Promise<StoredValue[]> => {
        const summary = (await this.summaries())?.get('restore');
        const value = summary && valueOf(summary);
        return value === undefined ? [] : [{ labels: {}, value }];
      };
    this.registerGauge(
      METRIC.lastSuccess,
      'When the last backup COMPLETED (Unix seconds); absent until one did',
      perSubject((s) => seconds(s.lastSuccessMs)),
    );
    this.registerGauge(
      METRIC.lastFailure,
      'When the last backup FAILED (Unix seconds); absent until one did',
      perSubject((s) => seconds(s.lastFailureMs)),
    );
    this.registerGauge(
      METRIC.consecutiveFailures,
      'Backups FAILED since the last COMPLETED one',
      perSubject((s) => s.consecutiveFailures),
    );
    this.registerGauge(
      METRIC.restoreLastSuccess,
      'When the last restore COMPLETED (Unix seconds); absent until one did',
      ofRestores((s) => seconds(s.lastSuccessMs)),
    );
    this.registerGauge(
      METRIC.restoreLastFailure,
      'When the last restore FAILED (Unix seconds); absent until one did',
      ofRestores((s) => seconds(s.lastFailureMs)),
    );
    this.registerHistogram(
      METRIC.backupDuration,
      'Time a backup took, from the start of its run (component) or its acceptance (coordinated) to its end, by outcome',
      async () => {
        const read = await this.summaries();
        return this.subjects.flatMap((subject) =>
          histogramsOf(read?.get(subject)).map(([outcome, histogram]) => ({
            labels: { component: subject, outcome },
            histogram,
          })),
        );
      },
    );
    this.registerHistogram(METRIC.restoreDuration, 'Time a restore took, by outcome', async () =>
      histogramsOf((await this.summaries())?.get('restore')).map(([outcome, histogram]) => ({
        labels: { outcome },
        histogram,
      })),
    );
    this.registerGauge(
      METRIC.exportingPaused,
      '1 while a coordinated backup holds Zeebe exporting paused (from claiming the pause until exporting is resumed), else 0',
      async () => {
        try {
          const owner = await withTimeout(this.coordinated.pauseOwner(), SCRAPE_READ_TIMEOUT_MS);
          return [{ labels: {}, value: owner ? 1 : 0 }];
        } catch (error) {
          this.logger.debug(`exporting pause unknown: ${(error as Error).message}`);
          return [];
        }
      },
    );
  }

  onModuleDestroy(): void {
    this.events.off('backup.finished', this.onBackup);
    this.events.off('coordinated.finished', this.onCoordinated);
    this.events.off('restore.finished', this.onRestore);
    for (const name of this.registered) register.removeSingleMetric(name);
  }

  private record(
    subject: OutcomeSubject,
    outcome: Outcome,
    finishedAtMs: number,
    durationMs: number | undefined,
  ): void {
    this.store.record(subject, outcome, finishedAtMs, durationMs).catch((error: Error) => {
      this.logger.error(
        `Could not record the ${outcome} ${subject} outcome in the metrics: ${error.message}`,
      );
    });
  }

  /** One Redis read per scrape, shared by every metric collected at once; undefined when Redis failed. */
  private summaries(): Promise<Map<OutcomeSubject, OutcomeSummary> | undefined> {
    this.pendingRead ??= this.store
      .read([...this.subjects, 'restore'])
      .then((read) => {
        if (this.readFailing) this.logger.log('Backup outcome metrics readable again');
        this.readFailing = false;
        this.seeding.seedInBackground(this.subjects.filter((subject) => isEmpty(read.get(subject))));
        return read;
      })
      .catch((error: Error) => {
        if (!this.readFailing) this.logger.warn(`Backup outcome metrics unavailable: ${error.message}`);
        this.readFailing = true;
        return undefined;
      })
      .finally(() => {
        this.pendingRead = undefined;
      });
    return this.pendingRead;
  }

  private registerGauge(name: string, help: string, read: () => Promise<StoredValue[]>): void {
    this.registered.push(name);
    register.registerMetric(new StoredGauge(name, help, read) as unknown as Metric);
  }

  private registerHistogram(
    name: string,
    help: string,
    read: () => Promise<Array<{ labels: Record<string, string>; histogram: DurationHistogram }>>,
  ): void {
    this.registered.push(name);
    register.registerMetric(new StoredHistogram(name, help, read) as unknown as Metric);
  }
}

/** No record at all: nothing ever ended (or the record was lost). */
function isEmpty(summary: OutcomeSummary | undefined): boolean {
  return (
    !summary ||
    (summary.lastSuccessMs === undefined &&
      summary.lastFailureMs === undefined &&
      summary.consecutiveFailures === 0 &&
      Object.keys(summary.durations).length === 0)
  );
}

function seconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}

function histogramsOf(summary: OutcomeSummary | undefined): Array<[Outcome, DurationHistogram]> {
  return summary ? (Object.entries(summary.durations) as Array<[Outcome, DurationHistogram]>) : [];
}

interface StoredValue {
  labels: Record<string, string>;
  value: number;
}

/**
 * A gauge whose values are read at scrape time, and absent when there is none (prom-client's Gauge
 * reports 0 for a label-less gauge that was never set).
 */
class StoredGauge {
  readonly type = 'gauge';
  readonly aggregator = 'omit';

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => Promise<StoredValue[]>,
  ) {}

  async get() {
    const values = await this.read();
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    // The values live in Redis: nothing to reset here.
  }
}

/** A histogram whose counts are kept elsewhere (prom-client's Histogram can only observe). */
class StoredHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => Promise<
      Array<{ labels: Record<string, string>; histogram: DurationHistogram }>
    >,
  ) {}

  async get() {
    const values: Array<{ metricName: string; labels: Record<string, string | number>; value: number }> = [];
    for (const { labels, histogram } of await this.read()) {
      DURATION_BUCKETS_SECONDS.forEach((bound, index) => {
        values.push({
          metricName: `${this.name}_bucket`,
          labels: { ...labels, le: bound },
          value: histogram.buckets[index]!,
        });
      });
      values.push({
        metricName: `${this.name}_bucket`,
        labels: { ...labels, le: '+Inf' },
        value: histogram.count,
      });
      values.push({ metricName: `${this.name}_sum`, labels, value: histogram.sumSeconds });
      values.push({ metricName: `${this.name}_count`, labels, value: histogram.count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    // The counts live in Redis: nothing to reset here.
  }
}
