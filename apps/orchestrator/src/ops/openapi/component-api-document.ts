import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { SnapshotComponent } from '@app/snapshot-planning';
import type { ComponentContract } from '../../component-api/component-contract.js';
import { BACKUP_ID_SCHEMA as BACKUP_ID } from '../../core/http/api-responses.js';
import { describeOperations, type OperationNotes } from './describe-operations.js';

/**
 * The OpenAPI document of one component listener, generated from that listener's own Nest app and
 * completed with the component's contract (status codes), its tag and its server (its own port).
 */
export function componentApiDocument(
  component: SnapshotComponent,
  app: INestApplication,
  contract: ComponentContract,
  serverUrl: string,
): OpenAPIObject {
  const title = component[0]!.toUpperCase() + component.slice(1);
  const config = new DocumentBuilder()
    .setTitle(`${title} Backup Management API`)
    .setDescription(
      `Camunda ${title}'s backup API (POST/GET/DELETE /actuator/backups), served by camunda-backup-orchestrator on the ${component} port.`,
    )
    .setVersion('1')
    .addServer(serverUrl, `${component} listener`)
    .addTag(component, `${title} backups`)
    .addTag('health', 'Actuator health of this listener')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const notes: Record<string, OperationNotes> = {
    'post /actuator/backups': {
      tag: component,
      summary: 'Start a backup (its parts run one after another in the background)',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', required: ['backupId'], properties: { backupId: BACKUP_ID } },
          },
        },
      },
      responses: {
        [contract.createdStatus]: { description: 'Backup scheduled' },
        ...responses([
          [400, 'Invalid backup ID'],
          [contract.duplicateStatus, 'A backup with this ID exists'],
          [contract.repositoryProblemStatus, 'Snapshot repository not configured or missing'],
          [503, 'Datastore or Redis unavailable'],
        ]),
      },
    },
    'get /actuator/backups': {
      tag: component,
      summary: 'List backups, newest first',
      responses: { 200: { description: 'Backups with state and per-part details' } },
    },
    'get /actuator/backups/{backupId}': {
      tag: component,
      summary: 'One backup: state (IN_PROGRESS, COMPLETED, FAILED, INCOMPATIBLE, INCOMPLETE) and parts',
      responses: responses([
        [200, 'The backup'],
        [400, 'Invalid backup ID'],
        [404, 'No such backup'],
      ]),
    },
    'delete /actuator/backups/{backupId}': {
      tag: component,
      summary: 'Delete a backup (cancels it when still running)',
      responses: {
        204: { description: 'Deleted' },
        ...responses([
          [400, 'Invalid backup ID'],
          ...(contract.deleteUnknownStatus === 404 ? [[404, 'No such backup'] as [number, string]] : []),
        ]),
      },
    },
  };
  return describeOperations(document, notes, BACKUP_ID);
}

/** Response descriptions by status; two meanings of one status are joined. */
function responses(entries: Array<[number, string]>): Record<string, { description: string }> {
  const byStatus: Record<string, { description: string }> = {};
  for (const [status, description] of entries) {
    const existing = byStatus[status];
    byStatus[status] = {
      description: existing ? `${existing.description}; or: ${description}` : description,
    };
  }
  return byStatus;
}
