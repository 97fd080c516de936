import {
  type ArgumentMetadata,
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
  ValidationPipe,
} from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { BackupAcceptance } from '../backup/backup-acceptance.service.js';
import { BackupCatalog } from '../backup/backup-catalog.service.js';
import { BackupDeletion } from '../backup/backup-deletion.service.js';
import type { ComponentSettings } from '../core/config/orchestrator-config.js';
import { DomainError } from '../core/errors/domain-error.js';
import { ERROR_RENDERING, ErrorFilter } from '../core/errors/error.filter.js';
import { ExactJsonBodyMiddleware } from '../core/http/exact-json-body.middleware.js';
import {
  RELAYED_PATHS,
  ZEEBE_RELAY_TARGET,
  ZeebeRelayController,
  type ZeebeRelayTarget,
} from '../zeebe/zeebe-relay.controller.js';
import { BackupController, BackupHistoryController } from './backup.controller.js';
import { COMPONENT_CONTRACT, COMPONENT_SETTINGS } from './component-api.tokens.js';
import type { ComponentContract } from './component-contract.js';

/**
 * Validates request bodies (CreateBackupRequest) only: route parameters have pipes of their own
 * (BackupIdPipe), and class-validator found nothing to check on a `bigint` but took a share of every get.
 */
class BodyValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return metadata.type === 'body' && super.toValidate(metadata);
  }
}

/** The main application's backup services a component listener serves (see main.ts for why they are passed). */
export interface BackupServices {
  acceptance: BackupAcceptance;
  catalog: BackupCatalog;
  deletion: BackupDeletion;
}

/**
 * The listener of one component: its controller, JSON-only bodies, and its contract's statuses and
 * error bodies for every error (one ErrorFilter, rendered by the contract).
 */
@Module({})
export class ComponentApiModule implements NestModule {
  static forComponent(
    settings: ComponentSettings,
    contract: ComponentContract,
    services: BackupServices,
    /** Operations modules (health, logging) of this listener, composed in main.ts. */
    operations: DynamicModule['imports'] = [],
    /** The orchestration-cluster listener also relays Zeebe's backup and exporting actuators. */
    zeebeRelay?: ZeebeRelayTarget,
  ): DynamicModule {
    const backupApi = contract.path === 'actuator/backupHistory' ? BackupHistoryController : BackupController;
    return {
      module: ComponentApiModule,
      imports: operations,
      controllers: zeebeRelay ? [backupApi, ZeebeRelayController] : [backupApi],
      providers: [
        ...(zeebeRelay ? [{ provide: ZEEBE_RELAY_TARGET, useValue: zeebeRelay }] : []),
        { provide: BackupAcceptance, useValue: services.acceptance },
        { provide: BackupCatalog, useValue: services.catalog },
        { provide: BackupDeletion, useValue: services.deletion },
        { provide: COMPONENT_SETTINGS, useValue: settings },
        { provide: COMPONENT_CONTRACT, useValue: contract },
        { provide: ERROR_RENDERING, useValue: contract },
        { provide: APP_FILTER, useClass: ErrorFilter },
        {
          provide: APP_PIPE,
          useValue: new BodyValidationPipe({
            exceptionFactory: (errors) =>
              new DomainError(
                'invalid_request',
                errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; '),
              ),
          }),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Relayed requests keep their bodies as they are.
    consumer
      .apply(ExactJsonBodyMiddleware)
      .exclude(...RELAYED_PATHS.map((path) => ({ path, method: RequestMethod.ALL })))
      .forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
