import { Body, Controller, Get, Inject, Param, Post, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { parseBackupId } from '@app/snapshot-planning';
import { sendJson } from '../http/send-json.js';
import { ApiError } from '../coordinated/api-error.js';
import { ApiExceptionFilter } from '../coordinated/api-exception.filter.js';
import { API_VALIDATION, pathId } from '../coordinated/coordinated-backup.controller.js';
import { Restores } from './restores.service.js';
import { RestoreRequest } from './restore.request.js';

/** Restores of backups on the orchestrator port: `/api/v1/restores`, identified by the backup ID. */
@Controller('api/v1/restores')
@UseFilters(ApiExceptionFilter)
export class RestoreController {
  constructor(@Inject(Restores) private readonly restores: Restores) {}

  @Post()
  async create(@Body(API_VALIDATION) body: RestoreRequest, @Res() response: Response): Promise<void> {
    const parsed = parseBackupId(body.backupId);
    if (!parsed.ok) throw new ApiError(400, parsed.message);
    const data = await this.restores.create(parsed.value, body);
    sendJson(response, 202, {
      backupId: parsed.value,
      components: data.components,
      deletesExistingIndices: data.indicesToDelete.length,
      snapshots: data.steps.map((step) => step.snapshot),
    });
  }

  @Get(':id')
  async get(@Param('id') id: string, @Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.restores.get(pathId(id)));
  }
}
