import type { Provider } from '@nestjs/common';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { ZeebeManagementClient } from './zeebe-management-client.js';

/** DI token of the ZeebeManagementClient, or null when ZEEBE_MANAGEMENT_URL is not set. */
export const ZEEBE_CLIENT = Symbol('ZEEBE_CLIENT');

export const zeebeClientProvider: Provider = {
  provide: ZEEBE_CLIENT,
  inject: [ORCHESTRATOR_CONFIG],
  useFactory: (config: OrchestratorConfig): ZeebeManagementClient | null => {
    const { zeebeManagementUrl, zeebeRequestTimeoutMs } = config.coordination;
    return zeebeManagementUrl
      ? new ZeebeManagementClient(zeebeManagementUrl, zeebeRequestTimeoutMs, config.topology)
      : null;
  },
};
