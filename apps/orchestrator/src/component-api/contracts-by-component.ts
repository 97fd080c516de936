import type { ComponentName } from '@app/snapshot-planning';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { type ComponentContract, operateTasklistContract, optimizeContract } from './component-contract.js';

export function contractFor(component: ComponentName, config: OrchestratorConfig): ComponentContract {
  return component === 'optimize'
    ? optimizeContract(config.optimizeCompleteState)
    : operateTasklistContract();
}
