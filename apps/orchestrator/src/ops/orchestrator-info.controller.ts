import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { ApiManagementAuth } from '../core/http/api-responses.js';
import { OrchestratorInfo } from './orchestrator-info.js';

/** GET / on the orchestrator port: which component APIs this daemon serves, and where. */
@ApiTags('orchestrator')
@ApiManagementAuth()
@Controller()
export class OrchestratorInfoController {
  constructor(@Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig) {}

  @Get()
  @ApiOperation({ summary: 'Which component APIs this daemon serves, and on which ports' })
  @ApiOkResponse({ type: OrchestratorInfo })
  info(): OrchestratorInfo {
    return {
      name: 'camunda-backup-orchestrator',
      components: Object.fromEntries(
        SNAPSHOT_COMPONENTS.map((name) => {
          const component = this.config.components[name];
          return [
            name,
            {
              enabled: component.enabled,
              port: component.port,
              repository: component.repository ?? null,
              version: component.version,
              parts: component.partCount,
            },
          ];
        }),
      ) as OrchestratorInfo['components'],
    };
  }
}
