import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiErrorResponses,
  ApiManagementAuth,
  BACKEND_ERRORS,
  JSON_BODY_ERRORS,
} from '../core/http/api-responses.js';
import { sendJson } from '../core/http/send-json.js';
import { CoordinatedBackupSchedule } from './backup-schedule.service.js';
import { retentionView } from './schedule-job.js';
import { Schedule, ScheduleRunAccepted } from './schedule-views.js';

/** The backup schedules on the orchestrator port: `/api/v1/schedules`. */
@ApiTags('schedules')
@ApiManagementAuth()
@Controller('api/v1/schedules')
export class ScheduleController {
  constructor(@Inject(CoordinatedBackupSchedule) private readonly schedule: CoordinatedBackupSchedule) {}

  @Get()
  @ApiOperation({ summary: 'The backup schedules (BACKUP_SCHEDULE): next run, retention, last run' })
  @ApiOkResponse({ type: [Schedule], description: 'Empty when BACKUP_SCHEDULE is not set' })
  @ApiErrorResponses({ 503: BACKEND_ERRORS[503] })
  async list(@Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.schedule.list());
  }

  /** "Run now": one tick on request; 202 with the backup it started, 409 while a backup or restore runs. */
  @Post(':name/run')
  @ApiOperation({ summary: 'Run a schedule now: start its coordinated backup, then its retention' })
  @ApiParam({ name: 'name', example: 'coordinated' })
  @ApiBody({ schema: { type: 'object' }, description: 'An empty JSON object: {}' })
  @ApiAcceptedResponse({ type: ScheduleRunAccepted })
  @ApiErrorResponses({
    400: 'The body is not a JSON object, or a snapshot repository is not configured or missing',
    404: 'No schedule with this name (or BACKUP_SCHEDULE is not set)',
    409: 'A coordinated backup or a restore runs',
    ...JSON_BODY_ERRORS,
    ...BACKEND_ERRORS,
  })
  async run(@Param('name') name: string, @Res() response: Response): Promise<void> {
    const run = await this.schedule.runNow(name);
    sendJson(response, 202, {
      schedule: name,
      backupId: BigInt(run.backupId),
      retention: retentionView(run.retention),
    });
  }
}
