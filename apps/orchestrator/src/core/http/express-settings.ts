import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';

/** Express announces itself in `X-Powered-By`; a management API has no reason to say what it runs on. */
export function hideFramework(app: INestApplication): void {
  (app.getHttpAdapter().getInstance() as Express).disable('x-powered-by');
}
