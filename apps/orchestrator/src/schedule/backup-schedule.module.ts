import { Module } from '@nestjs/common';
import { CoordinatedModule } from '../coordinated/coordinated.module.js';
import { BackupRetention } from './backup-retention.service.js';
import { CoordinatedBackupSchedule } from './backup-schedule.service.js';
import { ScheduleController } from './schedule.controller.js';
import { ScheduleRunStore } from './schedule-run-store.js';

/** BACKUP_SCHEDULE and retention of coordinated backups, and `/api/v1/schedules`. */
@Module({
  imports: [CoordinatedModule],
  controllers: [ScheduleController],
  providers: [BackupRetention, CoordinatedBackupSchedule, ScheduleRunStore],
  exports: [CoordinatedBackupSchedule],
})
export class BackupScheduleModule {}
