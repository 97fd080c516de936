import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Res,
  UseFilters,
  ValidationPipe,
} from '@nestjs/common';
import type { Response } from 'express';
import { parseBackupIdText } from '@app/snapshot-planning';
import { sendJson } from '../http/send-json.js';
import { ApiError } from './api-error.js';
import { ApiExceptionFilter } from './api-exception.filter.js';
import { CoordinatedBackups } from './coordinated-backup.service.js';
import { stepsOf } from './coordinated-steps.js';
import { CreateCoordinatedBackupRequest } from './create-coordinated-backup.request.js';

export const API_VALIDATION = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
});

/** Coordinated backups on the orchestrator port: `/api/v1/backups`. */
@Controller('api/v1/backups')
@UseFilters(ApiExceptionFilter)
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
  async get(@Param('id') id: string, @Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.backups.get(pathId(id)));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.backups.delete(pathId(id));
  }
}

/** A backup ID in the path, by the component APIs' rule. */
export function pathId(text: string): bigint {
  const parsed = parseBackupIdText(text);
  if (!parsed.ok) throw new ApiError(400, parsed.message);
  return parsed.value;
}
