import { Body, Controller, Delete, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { BackupCatalog } from '../backup/backup-catalog.service.js';
import { BackupDeletion } from '../backup/backup-deletion.service.js';
import { DomainError } from '../core/errors/domain-error.js';
import { BackupAcceptance } from '../backup/backup-acceptance.service.js';
import type { ComponentSettings } from '../core/config/orchestrator-config.js';
import { sendJson } from '../core/http/send-json.js';
import { sendJsonArray } from '../core/http/send-json-array.js';
import { listOptionsFromQuery } from '../backup/backup-list-options.js';
import { BackupIdPipe, backupIdFromRequest } from '../core/backup-id.js';
import { COMPONENT_CONTRACT, COMPONENT_SETTINGS } from './component-api.tokens.js';
import type { ComponentContract } from './component-contract.js';
import type { BackupView } from '../backup/backup-view.js';
import { CreateBackupRequest } from './create-backup.request.js';

/** The Backup Management API of one component (seed 000 / 004), on that component's port. */
@Controller('actuator/backups')
export class BackupController {
  constructor(
    @Inject(COMPONENT_SETTINGS) private readonly component: ComponentSettings,
    @Inject(COMPONENT_CONTRACT) private readonly contract: ComponentContract,
    @Inject(BackupAcceptance) private readonly acceptance: BackupAcceptance,
    @Inject(BackupCatalog) private readonly catalog: BackupCatalog,
    @Inject(BackupDeletion) private readonly deletion: BackupDeletion,
  ) {}

  @Post()
  async create(@Body() request: CreateBackupRequest, @Res() response: Response): Promise<void> {
    const backupId = backupIdFromRequest(request.backupId);
    const scheduled = await this.acceptance.createBackup(this.component, backupId);
    sendJson(response, this.contract.createdStatus, this.contract.createdBody(backupId, scheduled));
  }

  /** Camunda's list parameters: `verbose` (default true) and `pattern` (backup IDs by prefix, `12*`). */
  @Get()
  async list(@Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const options = listOptionsFromQuery(query);
    const backups = this.catalog.streamBackups(this.component, options);
    await sendJsonArray(response, 200, renderEach(backups, this.contract));
  }

  @Get(':backupId')
  async get(@Param('backupId', BackupIdPipe) backupId: bigint, @Res() response: Response): Promise<void> {
    const backup = await this.catalog.getBackup(this.component, backupId);
    if (!backup) throw new DomainError('not_found', this.contract.notFoundMessage(backupId));
    sendJson(response, 200, this.contract.render(backup));
  }

  @Delete(':backupId')
  async delete(@Param('backupId', BackupIdPipe) backupId: bigint, @Res() response: Response): Promise<void> {
    const deleted = await this.deletion.deleteBackup(this.component, backupId);
    if (!deleted && this.contract.deleteUnknownStatus === 404) {
      const message = this.contract.deleteUnknownMessage ?? this.contract.notFoundMessage;
      throw new DomainError('not_found', message(backupId));
    }
    response.status(204).end();
  }
}

/** Camunda 8.8+'s web-apps Backup Management API: the same operations at `/actuator/backupHistory`. */
@Controller('actuator/backupHistory')
export class BackupHistoryController extends BackupController {}

async function* renderEach(
  backups: AsyncIterable<BackupView>,
  contract: ComponentContract,
): AsyncGenerator<Record<string, unknown>> {
  for await (const backup of backups) yield contract.render(backup);
}
