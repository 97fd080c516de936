import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
  ValidationPipe,
} from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { BackupCatalog } from '../backup/backup-catalog.service.js';
import { BackupDeletion } from '../backup/backup-deletion.service.js';
import { BackupError } from '../backup/backup-errors.js';
import { BackupScheduler } from '../backup/backup-scheduler.service.js';
import type { ComponentSettings } from '../config/orchestrator-config.js';
import { ExactJsonBodyMiddleware } from '../http/exact-json-body.middleware.js';
import { BackupController } from './backup.controller.js';
import { COMPONENT_CONTRACT, COMPONENT_SETTINGS } from './component-api.tokens.js';
import type { ComponentContract } from './component-contract.js';
import { ContractExceptionFilter } from './contract-exception.filter.js';

/**
 * The listener of one component: its controller, its contract's error filter and validation.
 * Each listener is its own Nest application; the backup services are the one shared instance of the
 * process's BackupModule, passed in.
 */
export interface BackupServices {
  scheduler: BackupScheduler;
  catalog: BackupCatalog;
  deletion: BackupDeletion;
}

@Module({})
export class ComponentApiModule implements NestModule {
  static forComponent(
    settings: ComponentSettings,
    contract: ComponentContract,
    services: BackupServices,
    /** Operations modules (health, logging) of this listener, composed in main.ts. */
    operations: DynamicModule['imports'] = [],
  ): DynamicModule {
    return {
      module: ComponentApiModule,
      imports: operations,
      controllers: [BackupController],
      providers: [
        { provide: BackupScheduler, useValue: services.scheduler },
        { provide: BackupCatalog, useValue: services.catalog },
        { provide: BackupDeletion, useValue: services.deletion },
        { provide: COMPONENT_SETTINGS, useValue: settings },
        { provide: COMPONENT_CONTRACT, useValue: contract },
        { provide: APP_FILTER, useClass: ContractExceptionFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            exceptionFactory: (errors) =>
              new BackupError(
                'invalid_request',
                errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; '),
              ),
          }),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ExactJsonBodyMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
