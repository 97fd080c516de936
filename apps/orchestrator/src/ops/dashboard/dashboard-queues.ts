import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { type BullBoardInstance, InjectBullBoard } from '@bull-board/nestjs';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { BackupQueues } from '../../backup/backup-queues.js';
import { ORCHESTRATOR_CONFIG } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import {
  COORDINATED_QUEUE,
  NOTIFICATION_QUEUE,
  RESTORE_QUEUE,
  SCHEDULE_QUEUE,
} from '../../jobs/queue-names.js';
import { backupJobName } from './backup-job-name.js';

/**
 * bull-board asks BullMQ for a page of each status and lists them status after status; sorted
 * here, every list (the "latest" one mixing statuses included) shows the newest job first.
 */
export class NewestFirstAdapter extends BullMQAdapter {
  override async getJobs(
    ...page: Parameters<BullMQAdapter['getJobs']>
  ): ReturnType<BullMQAdapter['getJobs']> {
    return newestFirst(await super.getJobs(...page));
  }
}

/** Jobs by creation time, newest first (ties: the higher ID first). */
export function newestFirst<T extends Pick<Job, 'timestamp' | 'id'>>(jobs: readonly T[]): T[] {
  return [...jobs].sort(
    (a, b) => b.timestamp - a.timestamp || String(b.id ?? '').localeCompare(String(a.id ?? '')),
  );
}

/**
 * Puts every queue of the daemon on the board (jobs/queue-names.ts: each enabled component's
 * backups, coordinated steps, restores, schedule ticks, notifications), read-only, newest first.
 */
@Injectable()
export class DashboardQueues implements OnModuleInit {
  constructor(
    @InjectBullBoard() private readonly board: BullBoardInstance,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(BackupQueues) private readonly queues: BackupQueues,
    @InjectQueue(COORDINATED_QUEUE) private readonly coordinated: Queue,
    @InjectQueue(RESTORE_QUEUE) private readonly restores: Queue,
    @InjectQueue(SCHEDULE_QUEUE) private readonly schedule: Queue,
    @InjectQueue(NOTIFICATION_QUEUE) private readonly notifications: Queue,
  ) {}

  onModuleInit(): void {
    for (const component of SNAPSHOT_COMPONENTS.filter((c) => this.config.components[c].enabled)) {
      const adapter = this.add(
        this.queues.queue(component),
        `${component} backups`,
        `Backup jobs of ${component}; progress holds {partNo, partCount, snapshot}`,
      );
      adapter.setFormatter('name', backupJobName);
    }
    this.add(
      this.coordinated,
      'coordinated backups',
      'Steps of coordinated backups and restores: one BullMQ flow per operation',
    );
    this.add(this.restores, 'restores', 'Restore jobs, one per backup ID');
    this.add(
      this.schedule,
      'backup schedule',
      'Ticks of BACKUP_SCHEDULE: a coordinated backup, then retention',
    );
    this.add(this.notifications, 'notifications', 'Webhook deliveries, retried while the receiver is down');
  }

  private add(queue: Queue, displayName: string, description: string): NewestFirstAdapter {
    // Retrying or removing a job by hand would bypass the API's rules: look, don't touch.
    const adapter = new NewestFirstAdapter(queue, { readOnlyMode: true, displayName, description });
    this.board.addQueue(adapter);
    return adapter;
  }
}
