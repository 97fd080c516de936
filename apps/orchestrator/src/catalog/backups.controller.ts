import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { BackupIdPipe } from '../core/backup-id.js';
import { API_VALIDATION } from '../core/http/api-validation.js';
import { sendJson } from '../core/http/send-json.js';
import { CoordinatedBackups } from '../coordinated/coordinated-backup.service.js';
import { stepsOf } from '../coordinated/coordinated-steps.js';
import { CreateCoordinatedBackupRequest } from '../coordinated/create-coordinated-backup.request.js';
import { BackupInventory } from './backup-inventory.service.js';
import { CatalogQuery } from './catalog-query.js';

/**
 * `/api/v1/backups` on the orchestrator port: creating coordinated backups, and the catalog of every
 * backup in the repository (coordinated or made through a component API, either generation).
 */
@Controller('api/v1/backups')
export class BackupsController {
  constructor(
    @Inject(CoordinatedBackups) private readonly coordinated: CoordinatedBackups,
    @Inject(BackupInventory) private readonly inventory: BackupInventory,
  ) {}

  @Post()
  async create(
    @Body(API_VALIDATION) body: CreateCoordinatedBackupRequest,
    @Res() response: Response,
  ): Promise<void> {
    const record = await this.coordinated.create(body, body.trigger ?? 'api');
    sendJson(response, 202, {
      backupId: BigInt(record.backupId),
      components: record.components,
      zeebe: record.zeebe ? { included: true } : { included: false, reason: record.zeebeSkippedReason },
      steps: stepsOf(record),
    });
  }

  @Get()
  async list(@Query(API_VALIDATION) query: CatalogQuery, @Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.inventory.list(query));
  }

  @Get(':id')
  async get(@Param('id', BackupIdPipe) id: bigint, @Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.inventory.describe(id));
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id', BackupIdPipe) id: bigint): Promise<void> {
    await this.inventory.delete(id);
  }
}
