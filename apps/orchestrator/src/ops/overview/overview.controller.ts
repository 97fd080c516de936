import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { classifyError, ORCHESTRATOR_ERROR_RENDERING } from '../../core/errors/error-rendering.js';
import { API_DOCS_PATH } from '../openapi/api-docs.js';
import { DASHBOARD_ROUTE } from '../dashboard/dashboard.module.js';
import { OverviewSource } from './overview-source.service.js';
import { renderErrorPage, renderOverviewPage } from './overview-page.js';

/** The backup overview page, for people: `GET /backups` on the orchestrator port, behind the dashboard's auth. */
export const OVERVIEW_ROUTE = 'backups';

@ApiTags('orchestrator')
@Controller(OVERVIEW_ROUTE)
export class OverviewController {
  private readonly logger = new Logger(OverviewController.name);

  constructor(@Inject(OverviewSource) private readonly source: OverviewSource) {}

  @Get()
  @ApiOperation({
    summary: 'The backup overview page for people (HTML and inline SVG, no script)',
    description:
      'Per component the last good backup, freshness and newest failure; schedule and retention; ' +
      'duration and size trends; the newest 100 backups. Basic auth with DASHBOARD_USERNAME/PASSWORD ' +
      'when they are set (401 without them), whatever the management authentication.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The page' })
  @ApiResponse({ status: 502, schema: { type: 'string' }, description: 'The datastore cannot be reached' })
  @ApiResponse({ status: 503, schema: { type: 'string' }, description: 'Redis is unavailable' })
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
