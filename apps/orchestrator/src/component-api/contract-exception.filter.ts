import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Inject,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { DatastoreError } from '@app/datastore';
import { BackupError } from '../backup/backup-errors.js';
import { sendJson } from '../http/send-json.js';
import { COMPONENT_CONTRACT } from './component-api.tokens.js';
import type { ComponentContract } from './component-contract.js';

/** Every error on a component port, in that component's status codes and body shape (contract §4). */
@Catch()
export class ContractExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ContractExceptionFilter.name);

  constructor(@Inject(COMPONENT_CONTRACT) private readonly contract: ComponentContract) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, message } = this.classify(exception);
    if (status >= 500) this.logger.error(message);
    sendJson(response, status, this.contract.errorBody(status, message));
  }

  private classify(exception: unknown): { status: number; message: string } {
    if (exception instanceof BackupError) {
      const statusByKind = {
        invalid_request: 400,
        unsupported_media_type: 415,
        duplicate_backup: this.contract.duplicateStatus,
        backup_not_found: 404,
        repository_not_configured: this.contract.repositoryProblemStatus,
        repository_missing: this.contract.repositoryProblemStatus,
        queue_unavailable: 503,
      } as const;
      return { status: statusByKind[exception.kind], message: exception.message };
    }
    if (exception instanceof DatastoreError) {
      if (exception.kind === 'unreachable' || exception.kind === 'unavailable') {
        return { status: 502, message: `Cannot reach the datastore: ${exception.message}` };
      }
      return { status: 500, message: `Datastore error: ${exception.message}` };
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
      return { status: exception.getStatus(), message };
    }
    const error = exception as Error;
    this.logger.error(error?.stack ?? String(exception));
    return { status: 500, message: `Internal error: ${error?.message ?? String(exception)}` };
  }
}
