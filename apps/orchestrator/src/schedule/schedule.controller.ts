import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendJson } from '../core/http/send-json.js';
import { CoordinatedBackupSchedule } from './backup-schedule.service.js';
import { retentionView } from './schedule-job.js';

/** The backup schedules on the orchestrator port: `/api/v1/schedules`. */
@Controller('api/v1/schedules')
export class ScheduleController {
  constructor(@Inject(CoordinatedBackupSchedule) private readonly schedule: CoordinatedBackupSchedule) {}

  @Get()
  async list(@Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.schedule.list());
  }

  /** "Run now": one tick on request; 202 with the backup it started, 409 while a backup or restore runs. */
  @Post(':name/run')
  async run(@Param('name') name: string, @Res() response: Response): Promise<void> {
    const run = await this.schedule.runNow(name);
    sendJson(response, 202, {
      schedule: name,
      backupId: BigInt(run.backupId),
      retention: retentionView(run.retention),
    });
  }
}
