import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { BackupIdPipe } from '../core/backup-id.js';
import {
  ApiBackupIdParam,
  ApiManagementAuth,
  ApiErrorResponses,
  BACKEND_ERRORS,
  JSON_BODY_ERRORS,
} from '../core/http/api-responses.js';
import { API_VALIDATION } from '../core/http/api-validation.js';
import { sendJson } from '../core/http/send-json.js';
import { CoordinatedBackups } from '../coordinated/coordinated-backup.service.js';
import { stepsOf } from '../coordinated/coordinated-steps.js';
import { CreateCoordinatedBackupRequest } from '../coordinated/create-coordinated-backup.request.js';
import { BackupInventory } from './backup-inventory.service.js';
import { CatalogQuery } from './catalog-query.js';
import { BackupDescription, CatalogPageView, CoordinatedBackupAccepted } from './catalog-views.js';

/**
 * `/api/v1/backups` on the orchestrator port: creating coordinated backups, and the catalog of every
 * backup in the repository (coordinated or made through a component API, either generation).
 */
@ApiTags('backups')
@ApiManagementAuth()
@Controller('api/v1/backups')
export class BackupsController {
  constructor(
    @Inject(CoordinatedBackups) private readonly coordinated: CoordinatedBackups,
    @Inject(BackupInventory) private readonly inventory: BackupInventory,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Start a coordinated backup: one ID across the components and Zeebe' })
  @ApiAcceptedResponse({
    type: CoordinatedBackupAccepted,
    description: 'Accepted; its steps run in the background',
  })
  @ApiErrorResponses({
    400: 'Invalid backup ID or body, or a snapshot repository not configured or missing',
    409: 'A backup with this ID exists, or another coordinated backup or restore runs',
    ...JSON_BODY_ERRORS,
    502: "The datastore or Zeebe's management API cannot be reached",
    503: BACKEND_ERRORS[503],
  })
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
  @ApiOperation({
    summary: 'Every backup in the repository (coordinated or made through a component API), newest first',
  })
  @ApiOkResponse({ type: CatalogPageView })
  @ApiErrorResponses({ 400: 'Invalid query parameter', ...BACKEND_ERRORS })
  async list(@Query(API_VALIDATION) query: CatalogQuery, @Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.inventory.list(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One backup: its state, every component with its parts, and its steps' })
  @ApiBackupIdParam('id')
  @ApiOkResponse({ type: BackupDescription })
  @ApiErrorResponses({
    400: 'Invalid backup ID',
    404: 'No backup with this ID',
    409: 'Its stored coordinated record is unreadable (delete it)',
    ...BACKEND_ERRORS,
  })
  async get(@Param('id', BackupIdPipe) id: bigint, @Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.inventory.describe(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a backup, every part of it, whatever made it' })
  @ApiBackupIdParam('id')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses({
    400: 'Invalid backup ID',
    404: 'No backup with this ID',
    409: 'The coordinated backup is still in progress',
    ...BACKEND_ERRORS,
  })
  async delete(@Param('id', BackupIdPipe) id: bigint): Promise<void> {
    await this.inventory.delete(id);
  }
}
