import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { sendJson } from '../core/http/send-json.js';
import { BackupIdPipe, backupIdFromRequest } from '../core/backup-id.js';
import { API_VALIDATION } from '../core/http/api-validation.js';
import {
  ApiBackupIdParam,
  ApiManagementAuth,
  ApiErrorResponses,
  BACKEND_ERRORS,
  JSON_BODY_ERRORS,
} from '../core/http/api-responses.js';
import { Restores } from './restores.service.js';
import { RestoreRequest } from './restore.request.js';
import { RestoreAccepted, RestoreViewSchema } from './restore-view.js';

/** Restores of backups on the orchestrator port: `/api/v1/restores`, identified by the backup ID. */
@ApiTags('restores')
@ApiManagementAuth()
@Controller('api/v1/restores')
export class RestoreController {
  constructor(@Inject(Restores) private readonly restores: Restores) {}

  @Post()
  @ApiOperation({ summary: 'Restore a backup (after pre-checks; runs in the background)' })
  @ApiAcceptedResponse({ type: RestoreAccepted, description: 'Pre-checks passed, the restore is queued' })
  @ApiErrorResponses({
    400: 'Invalid backup ID or body, or no repository configured for a component',
    404: 'No such backup (in any component, or of a requested component)',
    409: 'Another coordinated backup or restore runs, or pre-checks refused (existing indices, versions)',
    ...JSON_BODY_ERRORS,
    ...BACKEND_ERRORS,
  })
  async create(@Body(API_VALIDATION) body: RestoreRequest, @Res() response: Response): Promise<void> {
    const backupId = backupIdFromRequest(body.backupId);
    const data = await this.restores.create(backupId, body);
    const accepted: RestoreAccepted = {
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
    };
    sendJson(response, 202, accepted);
  }

  @Get()
  @ApiOperation({ summary: 'Every restore the queue keeps (the last one of each backup), newest first' })
  @ApiOkResponse({ type: [RestoreViewSchema] })
  @ApiErrorResponses({ 503: BACKEND_ERRORS[503] })
  async list(@Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.restores.list());
  }

  @Get(':id')
  @ApiOperation({ summary: "A restore's state and steps (the latest restore of that backup)" })
  @ApiBackupIdParam('id')
  @ApiOkResponse({ type: RestoreViewSchema })
  @ApiErrorResponses({
    400: 'Invalid backup ID',
    404: 'No restore of this backup',
    503: BACKEND_ERRORS[503],
  })
  async get(@Param('id', BackupIdPipe) id: bigint, @Res() response: Response): Promise<void> {
    sendJson(response, 200, await this.restores.get(id));
  }
}
