import { applyDecorators } from '@nestjs/common';
import {
  ApiBasicAuth,
  ApiBearerAuth,
  ApiExtraModels,
  ApiParam,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body.js';

/** What an error status of the orchestrator API means for one operation. */
export type ErrorMeanings = Partial<Record<400 | 401 | 404 | 409 | 413 | 415 | 500 | 502 | 503, string>>;

/** Datastore unreachable (502) and Redis unavailable (503): every operation that uses them answers these. */
export const BACKEND_ERRORS = {
  502: 'The datastore cannot be reached',
  503: 'Redis (the queue) is unavailable',
} as const satisfies ErrorMeanings;

/** A JSON request body: not JSON is 415, over 64 KiB 413, not an object (or invalid fields) 400. */
export const JSON_BODY_ERRORS = {
  413: 'The request body is larger than 64 KiB',
  415: 'The request body is not JSON (Content-Type must be application/json)',
} as const satisfies ErrorMeanings;

/**
 * The operation's error statuses, each answering the one error body `{status, error, message}` as
 * JSON, whatever media type the operation's success has.
 */
export function ApiErrorResponses(meanings: ErrorMeanings): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorBody),
    ...Object.entries(meanings).map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description,
        content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } },
      }),
    ),
  );
}

/**
 * Behind management authentication (ops/auth): with MANAGEMENT_AUTH_TOKEN or MANAGEMENT_USERNAME set,
 * a request without matching credentials is 401. On a controller, for all its operations.
 */
export function ApiManagementAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBearerAuth('bearer'),
    ApiBasicAuth('basic'),
    ApiErrorResponses({
      401: 'Missing or wrong credentials (only when management authentication is configured)',
    }),
  );
}

/** A backup ID in a request body: a JSON number or a digit string, kept exact (parseBackupId). */
export const BACKUP_ID_SCHEMA = {
  oneOf: [
    { type: 'integer', format: 'int64', minimum: 1 },
    { type: 'string', pattern: '^[0-9]+$' },
  ],
  description: 'Positive integer up to 9223372036854775807 (JSON number or digit string), kept exact',
};

/** A backup ID path segment (parseBackupIdText): digits, 1 to 9223372036854775807; anything else is 400. */
export function ApiBackupIdParam(name: string): MethodDecorator {
  return ApiParam({
    name,
    description: 'Backup ID: a positive integer up to 9223372036854775807',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  });
}
