import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendJson } from '../core/http/send-json.js';
import { BackupIdPipe } from '../core/backup-id.js';
import { API_VALIDATION } from '../core/http/api-validation.js';
import { CoordinatedBackups } from '../coordinated/coordinated-backup.service.js';
import { stepsOf } from '../coordinated/coordinated-steps.js';
import { CreateCoordinatedBackupRequest } from '../coordinated/create-coordinated-backup.request.js';

/** Coordinated backups on the orchestrator port: `/api/v1/backups`. */
@Controller('api/v1/backups')
export class CoordinatedBackupController {
  constructor(@Inject(CoordinatedBackups) private readonly backups: CoordinatedBackups) {}

  @Post()
  async create(
    @Body(API_VALIDATION) body: CreateCoordinatedBackupRequest,
    @Res() response: Response,
  ): Promise<void> {
    const record = await this.backups.create(body, 'api');
    sendJson(response, 202, {
      backupId: BigInt(record.backupId),
      components: record.components,
      zeebe: record.zeebe ? { included: true } : { included: false, reason: record.zeebeSkippedReason },
      steps: stepsOf(record),
    });
  }

  @Get()
  async list(@Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.backups.list());
  }

  @Get(':id')
  async get(@Param('id', BackupIdPipe) id: bigint, @Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.backups.get(id));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id', BackupIdPipe) id: bigint): Promise<void> {
    await this.backups.delete(id);
  }
}
