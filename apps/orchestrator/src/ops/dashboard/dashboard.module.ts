import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import { BackupModule } from '../../backup/backup.module.js';
import { dashboardAuth, type DashboardSettings } from './dashboard-auth.js';
import { DashboardQueues } from './dashboard-queues.js';

export const DASHBOARD_ROUTE = '/queues';

/** bull-board on the orchestrator port at /queues, behind basic auth (assets too) when credentials are set. */
@Module({})
export class DashboardModule {
  static forRoot(settings: DashboardSettings): DynamicModule {
    const auth = dashboardAuth(settings);
    return {
      module: DashboardModule,
      imports: [
        BackupModule,
        BullBoardModule.forRoot({
          route: DASHBOARD_ROUTE,
          adapter: ExpressAdapter,
          boardOptions: { uiConfig: { boardTitle: 'Camunda backups' } },
          ...(auth ? { middleware: auth } : {}),
        }),
      ],
      providers: [DashboardQueues],
    };
  }
}
