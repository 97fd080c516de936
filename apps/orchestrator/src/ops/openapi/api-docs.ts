import type { INestApplication } from '@nestjs/common';
import type { Response } from 'express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { SnapshotComponent } from '@app/snapshot-planning';
import { DASHBOARD_ROUTE } from '../dashboard/dashboard.module.js';

export const API_DOCS_PATH = 'api-docs';

export interface ComponentDocument {
  component: SnapshotComponent;
  document: OpenAPIObject;
}

/**
 * Swagger UI at /api-docs on the orchestrator port with one OpenAPI document per listener:
 * /api-docs/orchestrator.json and /api-docs/{component}.json, each with its own server and tag.
 */
export function setUpApiDocs(
  orchestrator: INestApplication,
  orchestratorUrl: string,
  components: ComponentDocument[],
): void {
  const config = new DocumentBuilder()
    .setTitle('Camunda backup orchestrator')
    .setDescription(
      'The orchestrator API: coordinated backups and the catalog of every backup, restores, schedules; ' +
        'daemon information, health and Prometheus metrics. Every error is `{status, error, message}`. ' +
        `Pages for people (the queue dashboard at ${DASHBOARD_ROUTE}, the backup overview) are not part of it. ` +
        `The component Backup Management APIs are on their own ports: ${components.map((c) => `/${API_DOCS_PATH}/${c.component}.json`).join(', ')}.`,
    )
    .setVersion('1')
    .addServer(orchestratorUrl, 'orchestrator listener')
    .addTag('backups', 'Coordinated backups and the catalog of every backup')
    .addTag('restores', 'Restores of backups')
    .addTag('schedules', 'The backup schedule and its retention')
    .addTag('orchestrator', 'Daemon information and metrics')
    .addTag('health', 'Actuator health')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque token',
      description: 'MANAGEMENT_AUTH_TOKEN, when set',
    })
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'MANAGEMENT_USERNAME/PASSWORD, when set' })
    .build();
  // Schemas, statuses and summaries come from the controllers' and DTOs' decorators.
  const document = SwaggerModule.createDocument(orchestrator, config);

  const http = orchestrator.getHttpAdapter();
  for (const { component, document: componentDocument } of components) {
    http.get(`/${API_DOCS_PATH}/${component}.json`, (_request: unknown, response: Response) => {
      response.status(200).json(componentDocument);
    });
  }
  SwaggerModule.setup(API_DOCS_PATH, orchestrator, document, {
    jsonDocumentUrl: `${API_DOCS_PATH}/orchestrator.json`,
    explorer: true,
    customSiteTitle: 'Camunda backup orchestrator API',
    swaggerOptions: {
      urls: [
        { name: 'orchestrator', url: `/${API_DOCS_PATH}/orchestrator.json` },
        ...components.map(({ component }) => ({
          name: component,
          url: `/${API_DOCS_PATH}/${component}.json`,
        })),
      ],
    },
  });
}
