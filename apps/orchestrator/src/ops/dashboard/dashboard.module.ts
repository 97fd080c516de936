import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { type DynamicModule, Module } from '@nestjs/common';
import basicAuth from 'express-basic-auth';
import { BackupModule } from '../../backup/backup.module.js';
import { DashboardQueues } from './dashboard-queues.js';

export const DASHBOARD_ROUTE = '/queues';

export interface DashboardSettings {
  username?: string;
  password?: string;
}

/** bull-board on the orchestrator port at /queues, behind basic auth (assets too) when credentials are set. */
@Module({})
export class DashboardModule {
  static forRoot(settings: DashboardSettings): DynamicModule {
    const { username, password } = settings;
    return {
      module: DashboardModule,
      imports: [
        BackupModule,
        BullBoardModule.forRoot({
          route: DASHBOARD_ROUTE,
          adapter: ExpressAdapter,
          boardOptions: { uiConfig: { boardTitle: 'Camunda backups' } },
          ...(username !== undefined && password !== undefined
            ? {
                middleware: basicAuth({
                  challenge: true,
                  realm: 'dashboard',
                  users: { [username]: password },
                }),
              }
            : {}),
        }),
      ],
      providers: [DashboardQueues],
    };
  }
}
