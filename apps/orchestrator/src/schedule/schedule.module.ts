import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { BackupRetention } from './backup-retention.service.js';
import { BackupSchedule } from './backup-schedule.service.js';
import { SCHEDULE_QUEUE } from './schedule-job.js';

/** BACKUP_SCHEDULE and retention of coordinated backups. */
@Module({})
export class ScheduleModule {
  static forRoot(backupModule: DynamicModule, coordinatedModule: DynamicModule): DynamicModule {
    return {
      module: ScheduleModule,
      imports: [backupModule, coordinatedModule, BullModule.registerQueue({ name: SCHEDULE_QUEUE })],
      providers: [BackupRetention, BackupSchedule],
    };
  }
}
