import type { OpenAPIObject } from '@nestjs/swagger';

export interface OperationNotes {
  tag: string;
  summary: string;
  requestBody?: Record<string, unknown>;
  responses?: Record<string, { description: string }>;
}

/**
 * Completes a component listener's generated operations (keyed `method path`) with tag, summary, body
 * and responses: those depend on the listener's contract, which the shared BackupController cannot
 * carry in decorators. `backupIdSchema` describes `{backupId}` path parameters.
 */
export function describeOperations(
  document: OpenAPIObject,
  notes: Record<string, OperationNotes>,
  backupIdSchema?: Record<string, unknown>,
): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as Array<[string, Record<string, unknown>]>) {
      const note = notes[`${method} ${path}`];
      if (!note || typeof operation !== 'object') continue;
      operation.tags = [note.tag];
      operation.summary = note.summary;
      if (note.requestBody) operation.requestBody = note.requestBody;
      if (note.responses) operation.responses = note.responses;
      for (const parameter of (operation.parameters ?? []) as Array<Record<string, unknown>>) {
        if (parameter.name === 'backupId' && backupIdSchema) parameter.schema = backupIdSchema;
      }
    }
  }
  return document;
}
