import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  type BackupFinishedEvent,
  BackupEvents,
  type CoordinatedFinishedEvent,
  type RestoreFinishedEvent,
} from '../../backup/backup-events.js';
import { formatDuration } from '../notifications/notification.js';

interface FinalLine {
  msg: string;
  component: string;
  backupId: string;
  state: string;
  durationMs?: number;
  failureReason?: string;
}

/**
 * One final line per backup (component or coordinated) and restore, with its state, duration and
 * backup ID as fields: info when it COMPLETED or was CANCELLED, error when it FAILED.
 */
export function finalLineOf(
  subject: string,
  event: BackupFinishedEvent | CoordinatedFinishedEvent | RestoreFinishedEvent,
): { level: 'log' | 'error'; line: FinalLine } {
  const what =
    subject === 'restore'
      ? `Restore of backup ${event.backupId}`
      : subject === 'coordinated'
        ? `Coordinated backup ${event.backupId}`
        : `${subject} backup ${event.backupId}`;
  const took = event.durationMs === undefined ? '' : ` in ${formatDuration(event.durationMs)}`;
  const reason = event.outcome === 'FAILED' && event.reason ? `: ${event.reason}` : '';
  return {
    level: event.outcome === 'FAILED' ? 'error' : 'log',
    line: {
      msg: `${what} ended ${event.outcome}${took}${reason}`,
      component: subject,
      backupId: event.backupId,
      state: event.outcome,
      ...(event.durationMs === undefined ? {} : { durationMs: event.durationMs }),
      ...(event.outcome === 'FAILED' && event.reason ? { failureReason: event.reason } : {}),
    },
  };
}

@Injectable()
export class OutcomeLogObserver implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Outcomes');

  private readonly onBackup = (event: BackupFinishedEvent): void => this.write(event.component, event);
  private readonly onCoordinated = (event: CoordinatedFinishedEvent): void =>
    this.write('coordinated', event);
  private readonly onRestore = (event: RestoreFinishedEvent): void => this.write('restore', event);

  constructor(@Inject(BackupEvents) private readonly events: BackupEvents) {}

  onModuleInit(): void {
    this.events.on('backup.finished', this.onBackup);
    this.events.on('coordinated.finished', this.onCoordinated);
    this.events.on('restore.finished', this.onRestore);
  }

  onModuleDestroy(): void {
    this.events.off('backup.finished', this.onBackup);
    this.events.off('coordinated.finished', this.onCoordinated);
    this.events.off('restore.finished', this.onRestore);
  }

  private write(
    subject: string,
    event: BackupFinishedEvent | CoordinatedFinishedEvent | RestoreFinishedEvent,
  ): void {
    const { level, line } = finalLineOf(subject, event);
    this.logger[level](line);
  }
}
