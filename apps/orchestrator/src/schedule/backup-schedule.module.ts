import { Module } from '@nestjs/common';
import { CoordinatedModule } from '../coordinated/coordinated.module.js';
import { BackupRetention } from './backup-retention.service.js';
import { CoordinatedBackupSchedule } from './backup-schedule.service.js';

/** BACKUP_SCHEDULE and retention of coordinated backups. */
@Module({
  imports: [CoordinatedModule],
  providers: [BackupRetention, CoordinatedBackupSchedule],
})
export class BackupScheduleModule {}
