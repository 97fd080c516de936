import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { SnapshotComponent } from '@app/snapshot-planning';
import { BackupModule } from '../../backup/backup.module.js';
import { BackupFreshness } from './backup-freshness.service.js';
import { BackupHealthIndicators } from './backup-health-indicators.js';
import { HealthController } from './health.controller.js';
import { HEALTH_SCOPE } from './health-scope.js';

/**
 * /actuator/health{,/liveness,/readiness} on a listener. The main application creates the indicators
 * (`forOrchestrator`); each component listener reuses that instance (`forListener`).
 */
@Module({})
export class HealthModule {
  static forOrchestrator(scope: readonly SnapshotComponent[]): DynamicModule {
    return {
      module: HealthModule,
      // The response carries each failure; logging every failing probe would flood the log.
      imports: [TerminusModule.forRoot({ logger: false }), BackupModule],
      controllers: [HealthController],
      providers: [BackupHealthIndicators, BackupFreshness, { provide: HEALTH_SCOPE, useValue: scope }],
      exports: [BackupHealthIndicators],
    };
  }

  static forListener(indicators: BackupHealthIndicators, scope: readonly SnapshotComponent[]): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        { provide: BackupHealthIndicators, useValue: indicators },
        { provide: HEALTH_SCOPE, useValue: scope },
      ],
    };
  }
}
