import type { SnapshotComponent } from '@app/snapshot-planning';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import {
  type ComponentContract,
  operateTasklistContract,
  optimizeContract,
  webappsContract,
} from './component-contract.js';

export function contractFor(component: SnapshotComponent, config: OrchestratorConfig): ComponentContract {
  if (component === 'optimize') return optimizeContract(config.optimizeCompleteState);
  return component === 'webapps' ? webappsContract() : operateTasklistContract();
}
