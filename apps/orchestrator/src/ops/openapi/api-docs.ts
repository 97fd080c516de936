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
  const document = closeRequestBodySchemas(SwaggerModule.createDocument(orchestrator, config));

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

/**
 * The request DTOs are validated with `forbidNonWhitelisted` (API_VALIDATION): a field they do not
 * declare is refused with 400. Their schemas say so (`additionalProperties: false`), which
 * @nestjs/swagger does not write on its own.
 */
function closeRequestBodySchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path)) {
      const ref = operation?.requestBody?.content?.['application/json']?.schema?.$ref;
      if (typeof ref !== 'string') continue;
      const schema = schemas[ref.slice(ref.lastIndexOf('/') + 1)];
      if (schema && !('$ref' in schema)) schema.additionalProperties = false;
    }
  }
  return document;
}
