import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DatastoreError } from '@app/datastore';
import { BackupError } from '../backup/backup-errors.js';
import { sendJson } from '../http/send-json.js';
import { ZeebeError } from '../zeebe/zeebe-error.js';
import { ApiError } from './api-error.js';

const STATUS_BY_BACKUP_ERROR: Record<BackupError['kind'], number> = {
  invalid_request: 400,
  unsupported_media_type: 415,
  duplicate_backup: 409,
  backup_not_found: 404,
  repository_not_configured: 400,
  repository_missing: 400,
  queue_unavailable: 503,
};

/** Errors of the orchestrator API as `{status, error, message}`; datastore or Zeebe unreachable → 502. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, message } = classify(exception);
    if (status >= 500) this.logger.error(message);
    const response = host.switchToHttp().getResponse<Response>();
    sendJson(response, status, { status, error: errorName(status), message });
  }
}

function classify(exception: unknown): { status: number; message: string } {
  if (exception instanceof ApiError) return { status: exception.status, message: exception.message };
  if (exception instanceof BackupError) {
    return { status: STATUS_BY_BACKUP_ERROR[exception.kind], message: exception.message };
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
  const error = exception as Error;
  return { status: 500, message: `Internal error: ${error?.stack ?? String(exception)}` };
}

function errorName(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request',
    404: 'Not Found',
    409: 'Conflict',
    415: 'Unsupported Media Type',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  return names[status] ?? 'Error';
}
