import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendJson } from '../core/http/send-json.js';
import { BackupIdPipe, backupIdFromRequest } from '../core/backup-id.js';
import { API_VALIDATION } from '../core/http/api-validation.js';
import { Restores } from './restores.service.js';
import { RestoreRequest } from './restore.request.js';

/** Restores of backups on the orchestrator port: `/api/v1/restores`, identified by the backup ID. */
@Controller('api/v1/restores')
export class RestoreController {
  constructor(@Inject(Restores) private readonly restores: Restores) {}

  @Post()
  async create(@Body(API_VALIDATION) body: RestoreRequest, @Res() response: Response): Promise<void> {
    const backupId = backupIdFromRequest(body.backupId);
    const data = await this.restores.create(backupId, body);
    sendJson(response, 202, {
      backupId,
      components: data.components,
      deletesExistingIndices: data.indicesToDelete.length,
      // Camunda 8.8 before 8.8.15 leaves dated usage-metric (and operation) indices out of backups.
      ...(data.keptIndices
        ? {
            keptIndices: data.keptIndices,
            warning: `${data.keptIndices.length} existing indices are not in this backup and are kept, not deleted`,
          }
        : {}),
      snapshots: data.steps.map((step) => step.snapshot),
    });
  }

  @Get()
  async list(@Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.restores.list());
  }

  @Get(':id')
  async get(@Param('id', BackupIdPipe) id: bigint, @Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.restores.get(id));
  }
}
