import { type DynamicModule, Inject, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { BackupModule } from '../../backup/backup.module.js';
import { CatalogModule } from '../../catalog/catalog.module.js';
import { dashboardAuth, type DashboardSettings } from '../dashboard/dashboard-auth.js';
import { BackupFreshness } from '../health/backup-freshness.service.js';
import { OverviewController } from './overview.controller.js';
import { OverviewSource } from './overview-source.service.js';

const OVERVIEW_AUTH = Symbol('OVERVIEW_AUTH');

/** The backup overview page (`/backups`), behind the dashboard's basic auth. */
@Module({})
export class OverviewModule implements NestModule {
  constructor(@Inject(OVERVIEW_AUTH) private readonly settings: DashboardSettings) {}

  static forRoot(settings: DashboardSettings): DynamicModule {
    return {
      module: OverviewModule,
      imports: [CatalogModule, BackupModule],
      controllers: [OverviewController],
      providers: [OverviewSource, BackupFreshness, { provide: OVERVIEW_AUTH, useValue: settings }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    const auth = dashboardAuth(this.settings);
    if (auth) consumer.apply(auth).forRoutes(OverviewController);
  }
}
