import { ValidationPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';

/** Request bodies of the orchestrator API: only declared fields, each validated; refusals are invalid_request. */
export const API_VALIDATION = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) =>
    new DomainError(
      'invalid_request',
      errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; '),
    ),
});
