import { Controller, Get, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckService, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { Response } from 'express';
import { ApiManagementAuth } from '../../core/http/api-responses.js';
import { ActuatorHealth, toActuatorHealth } from './actuator-health.js';
import { BackupHealthIndicators } from './backup-health-indicators.js';
import { HEALTH_SCOPE, type HealthScope } from './health-scope.js';

const ACTUATOR_MEDIA_TYPE = 'application/vnd.spring-boot.actuator.v3+json';

/**
 * Spring-actuator health on every listener. The full health adds the snapshot repositories and, with
 * BACKUP_FRESHNESS_MAX_AGE, the backups' freshness; readiness is what serving backups needs (datastore,
 * Redis, queue) and liveness the process itself: neither depends on freshness.
 * Answers directly (not by exception), so the component ports' contract error filters stay out of it.
 */
@ApiTags('health')
@Controller('actuator/health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(BackupHealthIndicators) private readonly indicators: BackupHealthIndicators,
    @Inject(HEALTH_SCOPE) private readonly scope: HealthScope,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Datastore, Redis, snapshot repositories and queue, in Spring actuator shape (503 when DOWN)',
  })
  @ApiManagementAuth()
  @ApiProduces(ACTUATOR_MEDIA_TYPE)
  @ApiOkResponse({ type: ActuatorHealth, description: 'UP' })
  @ApiServiceUnavailableResponse({ type: ActuatorHealth, description: 'DOWN: a check failed' })
  async full(@Res() response: Response): Promise<void> {
    await this.answer(response, [
      () => this.indicators.datastoreReachable(),
      () => this.indicators.redisReachable(),
      () => this.indicators.snapshotRepositories(this.scope),
      () => this.indicators.queueReachable(this.scope),
      ...(this.indicators.checksFreshness ? [() => this.indicators.backupFreshness(this.scope)] : []),
    ]);
  }

  @Get('readiness')
  @ApiOperation({
    summary: 'Ready to serve backups: datastore, Redis and queue reachable (open even with management auth)',
  })
  @ApiProduces(ACTUATOR_MEDIA_TYPE)
  @ApiOkResponse({ type: ActuatorHealth, description: 'UP' })
  @ApiServiceUnavailableResponse({ type: ActuatorHealth, description: 'DOWN: a check failed' })
  async readiness(@Res() response: Response): Promise<void> {
    await this.answer(response, [
      () => this.indicators.datastoreReachable(),
      () => this.indicators.redisReachable(),
      () => this.indicators.queueReachable(this.scope),
    ]);
  }

  @Get('liveness')
  @ApiOperation({ summary: 'The process is alive (open even with management auth)' })
  @ApiOkResponse({ type: ActuatorHealth, description: 'UP' })
  liveness(@Res() response: Response): void {
    response.status(200).json({ status: 'UP' });
  }

  private async answer(response: Response, checks: HealthIndicatorFunction[]): Promise<void> {
    let result;
    try {
      result = await this.health.check(checks);
    } catch (error) {
      // HealthCheckService throws ServiceUnavailableException carrying the result when a check is down.
      result = (error as { getResponse?: () => unknown }).getResponse?.();
      if (!result) throw error;
    }
    const { httpStatus, body } = toActuatorHealth(result as Parameters<typeof toActuatorHealth>[0]);
    response.status(httpStatus).type(ACTUATOR_MEDIA_TYPE).send(JSON.stringify(body));
  }
}
