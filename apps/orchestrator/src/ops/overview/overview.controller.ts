import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { classifyError, ORCHESTRATOR_ERROR_RENDERING } from '../../core/errors/error-rendering.js';
import { API_DOCS_PATH } from '../openapi/api-docs.js';
import { DASHBOARD_ROUTE } from '../dashboard/dashboard.module.js';
import { OverviewSource } from './overview-source.service.js';
import { renderErrorPage, renderOverviewPage } from './overview-page.js';

/** The backup overview page, for people: `GET /backups` on the orchestrator port, behind the dashboard's auth. */
export const OVERVIEW_ROUTE = 'backups';

// A page for people (HTML), not part of the API document.
@ApiExcludeController()
@Controller(OVERVIEW_ROUTE)
export class OverviewController {
  private readonly logger = new Logger(OverviewController.name);

  constructor(@Inject(OverviewSource) private readonly source: OverviewSource) {}

  @Get()
  async page(@Res() response: Response): Promise<void> {
    response.set('Cache-Control', 'no-store');
    response.type('html');
    try {
      const data = await this.source.read();
      response.status(200).send(
        renderOverviewPage(data, {
          queues: DASHBOARD_ROUTE,
          catalog: '/api/v1/backups',
          apiDocs: `/${API_DOCS_PATH}`,
        }),
      );
    } catch (error) {
      // An error page with the status the API would answer (502 datastore, 503 Redis); the
      // unexpected ones go to the error filter, which logs their stack.
      const { status, message, unexpected } = classifyError(error, ORCHESTRATOR_ERROR_RENDERING);
      if (unexpected) throw error;
      if (status >= 500) this.logger.warn(`Overview page: ${message}`);
      response.status(status).send(renderErrorPage(status, message));
    }
  }
}
