import { Module } from '@nestjs/common';
import { BackupModule } from '../../backup/backup.module.js';
import { BackupFreshness } from '../health/backup-freshness.service.js';
import { NotificationWorker } from './notification-worker.service.js';
import { Notifier } from './notifier.service.js';

/** Webhook notifications (NOTIFY_WEBHOOK_URLS, NOTIFY_ON, NOTIFY_WEBHOOK_FORMAT) through a BullMQ queue. */
@Module({
  imports: [BackupModule],
  providers: [BackupFreshness, Notifier, NotificationWorker],
})
export class NotificationsModule {}
