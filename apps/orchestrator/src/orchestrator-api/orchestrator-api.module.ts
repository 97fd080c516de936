import { type DynamicModule, Module } from '@nestjs/common';
import { ORCHESTRATOR_CONFIG } from '../config/config.tokens.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';
import { OrchestratorInfoController } from './orchestrator-info.controller.js';

/** The orchestrator listener (ORCHESTRATOR_PORT, 9700): daemon-wide endpoints. */
@Module({})
export class OrchestratorApiModule {
  static forRoot(config: OrchestratorConfig): DynamicModule {
    return {
      module: OrchestratorApiModule,
      controllers: [OrchestratorInfoController],
      providers: [{ provide: ORCHESTRATOR_CONFIG, useValue: config }],
    };
  }
}
