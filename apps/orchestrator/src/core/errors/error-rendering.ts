import { HttpException } from '@nestjs/common';
import { DatastoreError } from '@app/datastore';
import { ZeebeError } from '../../zeebe/zeebe-error.js';
import { DomainError, type DomainErrorKind } from './domain-error.js';

/** How one API contract renders errors: the status of each kind and the body of a status. */
export interface ErrorRendering {
  statusOf(kind: DomainErrorKind): number;
  body(status: number, message: string): Record<string, unknown>;
}

/** Statuses every contract shares; a contract overrides the kinds its seed answers differently. */
export const DEFAULT_STATUS_BY_KIND: Readonly<Record<DomainErrorKind, number>> = {
  invalid_request: 400,
  unsupported_media_type: 415,
  duplicate_backup: 409,
  conflict: 409,
  not_found: 404,
  repository_not_configured: 400,
  repository_missing: 400,
  queue_unavailable: 503,
};

export interface ClassifiedError {
  status: number;
  message: string;
  /** An error nobody anticipated: its stack belongs in the log, never in a response. */
  unexpected?: Error;
}

/** Any thrown value as a status and a message the caller may read (no stack traces, no internals). */
export function classifyError(exception: unknown, rendering: ErrorRendering): ClassifiedError {
  if (exception instanceof DomainError) {
    return { status: rendering.statusOf(exception.kind), message: exception.message };
  }
  if (exception instanceof DatastoreError) {
    if (exception.kind === 'unreachable' || exception.kind === 'unavailable') {
      return { status: 502, message: `Cannot reach the datastore: ${exception.message}` };
    }
    return { status: 500, message: `Datastore error: ${exception.message}` };
  }
  if (exception instanceof ZeebeError) {
    return { status: 502, message: `Cannot use Zeebe's management API: ${exception.message}` };
  }
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return {
      status: exception.getStatus(),
      message: Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message),
    };
  }
  const error = exception instanceof Error ? exception : new Error(String(exception));
  return { status: 500, message: `Internal error: ${error.message}`, unexpected: error };
}

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The orchestrator API's errors (`/api/v1`, and everything else on its port): `{status, error, message}`. */
export const ORCHESTRATOR_ERROR_RENDERING: ErrorRendering = {
  statusOf: (kind) => DEFAULT_STATUS_BY_KIND[kind],
  body: (status, message) => ({ status, error: REASON_PHRASES[status] ?? 'Error', message }),
};
