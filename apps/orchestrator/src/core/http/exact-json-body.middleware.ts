import { Injectable, type NestMiddleware, PayloadTooLargeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { parseJson } from '@app/datastore';

const BODY_LIMIT_BYTES = 64 * 1024;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Request bodies must be JSON (contract §4: anything else is 415). Parsed with exact integers, so a
 * backup ID beyond 2^53 reaches validation unrounded.
 */
@Injectable()
export class ExactJsonBodyMiddleware implements NestMiddleware {
  async use(request: Request, _response: Response, next: NextFunction): Promise<void> {
    if (!METHODS_WITH_BODY.has(request.method)) return next();
    const contentType = request.headers['content-type'];
    if (!contentType || !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
      throw new DomainError(
        'unsupported_media_type',
        `Request bodies must be JSON: send Content-Type: application/json (got ${contentType ? `"${contentType}"` : 'no Content-Type'})`,
      );
    }
    const text = await readBody(request);
    if (text.trim() === '') {
      throw new DomainError(
        'invalid_request',
        'The request body is empty: send a JSON object like {"backupId": 123}',
      );
    }
    let body: unknown;
    try {
      body = parseJson(text);
    } catch (error) {
      throw new DomainError(
        'invalid_request',
        error instanceof RangeError
          ? 'The request body is nested too deeply'
          : `The request body is not valid JSON: ${(error as Error).message}`,
      );
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new DomainError(
        'invalid_request',
        'The request body must be a JSON object like {"backupId": 123}',
      );
    }
    request.body = body;
    next();
  }
}

async function readBody(request: Request): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT_BYTES)
      throw new PayloadTooLargeException(`Request bodies are limited to ${BODY_LIMIT_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
