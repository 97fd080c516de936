import { Body, Controller, Delete, Get, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { parseBackupId } from '@app/snapshot-planning';
import { BackupCatalog } from '../backup/backup-catalog.service.js';
import { BackupDeletion } from '../backup/backup-deletion.service.js';
import { BackupError } from '../backup/backup-errors.js';
import { BackupScheduler } from '../backup/backup-scheduler.service.js';
import type { ComponentSettings } from '../config/orchestrator-config.js';
import { sendJson } from '../http/send-json.js';
import { BackupIdPipe } from './backup-id.pipe.js';
import { COMPONENT_CONTRACT, COMPONENT_SETTINGS } from './component-api.tokens.js';
import type { ComponentContract } from './component-contract.js';
import { CreateBackupRequest } from './create-backup.request.js';

/** The Backup Management API of one component (seed 000 / 004), on that component's port. */
@Controller('actuator/backups')
export class BackupController {
  constructor(
    @Inject(COMPONENT_SETTINGS) private readonly component: ComponentSettings,
    @Inject(COMPONENT_CONTRACT) private readonly contract: ComponentContract,
    @Inject(BackupScheduler) private readonly scheduler: BackupScheduler,
    @Inject(BackupCatalog) private readonly catalog: BackupCatalog,
    @Inject(BackupDeletion) private readonly deletion: BackupDeletion,
  ) {}

  @Post()
  async create(@Body() request: CreateBackupRequest, @Res() response: Response): Promise<void> {
    const parsed = parseBackupId(request.backupId);
    if (!parsed.ok) throw new BackupError('invalid_request', parsed.message);
    const scheduled = await this.scheduler.createBackup(this.component, parsed.value);
    sendJson(response, this.contract.createdStatus, this.contract.createdBody(parsed.value, scheduled));
  }

  @Get()
  async list(@Res() response: Response): Promise<void> {
    const backups = await this.catalog.listBackups(this.component);
    sendJson(
      response,
      200,
      backups.map((backup) => this.contract.render(backup)),
    );
  }

  @Get(':backupId')
  async get(@Param('backupId', BackupIdPipe) backupId: bigint, @Res() response: Response): Promise<void> {
    const backup = await this.catalog.getBackup(this.component, backupId);
    if (!backup) throw new BackupError('backup_not_found', this.contract.notFoundMessage(backupId));
    sendJson(response, 200, this.contract.render(backup));
  }

  @Delete(':backupId')
  async delete(@Param('backupId', BackupIdPipe) backupId: bigint, @Res() response: Response): Promise<void> {
    const deleted = await this.deletion.deleteBackup(this.component, backupId);
    if (!deleted && this.contract.deleteUnknownStatus === 404) {
      throw new BackupError('backup_not_found', this.contract.notFoundMessage(backupId));
    }
    response.status(204).end();
  }
}
