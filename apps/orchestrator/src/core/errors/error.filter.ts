import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { sendJson } from '../http/send-json.js';
import { classifyError, type ErrorRendering } from './error-rendering.js';

/** DI token of the listener's ErrorRendering. */
export const ERROR_RENDERING = Symbol('ERROR_RENDERING');

/** Every error of a listener, rendered by that listener's contract. 5xx are logged; stacks never sent. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(@Inject(ERROR_RENDERING) private readonly rendering: ErrorRendering) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, message, unexpected } = classifyError(exception, this.rendering);
    if (unexpected) this.logger.error(message, unexpected.stack);
    else if (status >= 500) this.logger.error(message);
    sendJson(host.switchToHttp().getResponse<Response>(), status, this.rendering.body(status, message));
  }
}
