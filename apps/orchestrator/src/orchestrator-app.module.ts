import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Params } from 'nestjs-pino';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { BackupModule } from './backup/backup.module.js';
import { CoordinatedModule } from './coordinated/coordinated.module.js';
import type { OrchestratorConfig } from './core/config/orchestrator-config.js';
import { CoreModule } from './core/core.module.js';
import { ORCHESTRATOR_ERROR_RENDERING } from './core/errors/error-rendering.js';
import { ERROR_RENDERING, ErrorFilter } from './core/errors/error.filter.js';
import { ExactJsonBodyMiddleware } from './core/http/exact-json-body.middleware.js';
import { JobsModule } from './jobs/jobs.module.js';
import { DashboardModule } from './ops/dashboard/dashboard.module.js';
import { HealthModule } from './ops/health/health.module.js';
import { LoggingModule } from './ops/logging/logging.module.js';
import { MetricsModule } from './ops/metrics/metrics.module.js';
import { NotificationsModule } from './ops/notifications/notifications.module.js';
import { OrchestratorInfoController } from './ops/orchestrator-info.controller.js';
import { OverviewModule } from './ops/overview/overview.module.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { RestoreModule } from './restore/restore.module.js';
import { BackupScheduleModule } from './schedule/backup-schedule.module.js';

/**
 * The daemon's main application, served on ORCHESTRATOR_PORT (9700): it owns the one instance of
 * every service (queues, workers, stores) and the daemon-wide endpoints. The component listeners
 * borrow its backup services (main.ts). Every error on this port is `{status, error, message}`;
 * request bodies of the API must be JSON.
 */
@Module({})
export class OrchestratorAppModule implements NestModule {
  static forRoot(config: OrchestratorConfig, logParams: Params): DynamicModule {
    return {
      module: OrchestratorAppModule,
      imports: [
        CoreModule.forRoot(config),
        JobsModule,
        BackupModule,
        CoordinatedModule,
        CatalogModule,
        RestoreModule,
        BackupScheduleModule,
        LoggingModule.forOrchestrator(logParams),
        HealthModule.forOrchestrator(SNAPSHOT_COMPONENTS.filter((name) => config.components[name].enabled)),
        MetricsModule,
        NotificationsModule,
        DashboardModule.forRoot(config.dashboard),
        OverviewModule.forRoot(config.dashboard),
      ],
      controllers: [OrchestratorInfoController],
      providers: [
        { provide: ERROR_RENDERING, useValue: ORCHESTRATOR_ERROR_RENDERING },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ExactJsonBodyMiddleware).forRoutes({ path: 'api/*path', method: RequestMethod.ALL });
  }
}
