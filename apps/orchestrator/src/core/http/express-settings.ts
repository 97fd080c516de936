import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';

/**
 * Express settings of every listener: no `X-Powered-By` (a management API has no reason to say what
 * it runs on) and no `ETag` (a SHA-1 of every answer body that no client of these APIs sends back;
 * it was a measurable share of a get's time, see BENCHMARKS.md).
 */
export function applyExpressSettings(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.disable('x-powered-by');
  express.set('etag', false);
}
