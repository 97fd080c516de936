import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { BackupInventory } from '../../catalog/backup-inventory.service.js';
import { ORCHESTRATOR_CONFIG } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { withRedis } from '../../core/redis/with-redis.js';
import { SCHEDULE_QUEUE } from '../../jobs/queue-names.js';
import { SCHEDULER_ID } from '../../schedule/schedule-job.js';
import type { FreshnessVerdict } from '../health/backup-freshness.js';
import { BackupFreshness } from '../health/backup-freshness.service.js';
import type { OverviewData, OverviewSchedule } from './overview-data.js';

/** How many of the newest backups the page reads (history table, trends, per-component summary). */
export const OVERVIEW_BACKUPS = 100;

/**
 * Reads everything the overview page shows: the catalog's newest backups (BackupInventory), the
 * schedule (BACKUP_SCHEDULE and its BullMQ job scheduler's next run) and the freshness verdicts
 * health reports. Datastore down → 502, Redis down → 503, as for the API.
 */
@Injectable()
export class OverviewSource {
  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(BackupInventory) private readonly inventory: BackupInventory,
    @Inject(BackupFreshness) private readonly freshness: BackupFreshness,
    @InjectQueue(SCHEDULE_QUEUE) private readonly scheduleQueue: Queue,
  ) {}

  async read(): Promise<OverviewData> {
    const nowMs = Date.now();
    const [page, schedules, freshness] = await Promise.all([
      this.inventory.list({ limit: OVERVIEW_BACKUPS }),
      this.schedules(),
      this.freshnessVerdicts(),
    ]);
    return {
      nowMs,
      entries: page.backups,
      moreEntries: page.nextBefore !== null,
      schedules,
      components: this.components(page.backups.flatMap((entry) => Object.keys(entry.components))),
      freshness,
    };
  }

  /** The enabled components, Zeebe when coordinated backups include it, then any other the backups name. */
  private components(named: readonly string[]): string[] {
    const listed = SNAPSHOT_COMPONENTS.filter((name) => this.config.components[name].enabled) as string[];
    if (this.config.coordination.zeebeManagementUrl) listed.push('zeebe');
    return [...new Set([...listed, ...named])];
  }

  // Until GET /api/v1/schedules has a service of its own: the one BACKUP_SCHEDULE, read in UTC.
  private async schedules(): Promise<OverviewSchedule[]> {
    const { schedule: cron, retentionCount, retentionMaxAgeMs } = this.config.coordination;
    if (!cron) return [];
    const scheduler = await withRedis('reading the backup schedule', () =>
      this.scheduleQueue.getJobScheduler(SCHEDULER_ID),
    );
    return [
      {
        name: 'coordinated',
        cron,
        timeZone: 'UTC',
        nextRunAt: scheduler?.next ? new Date(scheduler.next).toISOString() : null,
        retention: { count: retentionCount ?? null, maxAgeMs: retentionMaxAgeMs ?? null },
        lastRun: null,
      },
    ];
  }

  private async freshnessVerdicts(): Promise<OverviewData['freshness']> {
    const maxAgeMs = this.freshness.maxAgeMs;
    if (maxAgeMs === undefined) return null;
    const byComponent: Record<string, FreshnessVerdict> = {};
    for (const name of SNAPSHOT_COMPONENTS) {
      if (this.config.components[name].enabled && this.freshness.applies(name)) {
        byComponent[name] = await this.freshness.judge(name);
      }
    }
    return { maxAgeMs, byComponent };
  }
}
