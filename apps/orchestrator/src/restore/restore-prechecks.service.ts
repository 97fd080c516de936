import { Inject, Injectable } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import { SNAPSHOT_COMPONENTS, parseAnySnapshotName } from '@app/snapshot-planning';
import { BackupCatalog } from '../backup/backup-catalog.service.js';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { DomainError } from '../core/errors/domain-error.js';
import { zeebeRecordsSnapshotName } from '../coordinated/coordinated-record.js';
import { CoordinatedStore } from '../coordinated/coordinated-store.js';
import type { RestoreComponent, RestoreStep } from './restore-job.js';

export interface RestorePlan {
  components: RestoreComponent[];
  steps: RestoreStep[];
  /** Existing indices the restore deletes first (with deleteExistingIndices). */
  existingIndices: string[];
  /** Existing indices the backup does not contain: left in place, and said so. */
  keptIndices: string[];
}

/**
 * What must hold before anything is restored (facts §8.4): every needed part exists and succeeded,
 * the versions in the names are the configured ones (or `allowVersionMismatch`), and none of the
 * components' indices exist (or `deleteExistingIndices`). Reads only; refusals change nothing.
 */
@Injectable()
export class RestorePrechecks {
  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(BackupCatalog) private readonly catalog: BackupCatalog,
    @Inject(CoordinatedStore) private readonly coordinated: CoordinatedStore,
  ) {}

  async plan(
    backupId: bigint,
    request: {
      components?: RestoreComponent[];
      deleteExistingIndices?: boolean;
      allowVersionMismatch?: boolean;
    },
  ): Promise<RestorePlan> {
    const components = request.components
      ? RESTORE_ORDER.filter((c) => request.components!.includes(c))
      : await this.componentsOf(backupId);
    const steps: RestoreStep[] = [];
    const problems: string[] = [];
    for (const component of components) {
      if (component === 'zeebe') steps.push(await this.recordsStep(backupId));
      else
        steps.push(
          ...(await this.componentSteps(
            component,
            backupId,
            request.allowVersionMismatch === true,
            problems,
          )),
        );
    }
    if (problems.length > 0) {
      throw new DomainError(
        'conflict',
        `The versions in the snapshot names differ from the configured ones: ${problems.join('; ')}. Restore with the Camunda version of the backup, or send "allowVersionMismatch": true`,
      );
    }
    const existingIndices = await this.existingIndices(components);
    if (existingIndices.length > 0 && request.deleteExistingIndices !== true) {
      const shown = existingIndices.slice(0, 10).join(', ');
      const more = existingIndices.length > 10 ? ` and ${existingIndices.length - 10} more` : '';
      throw new DomainError(
        'conflict',
        `Indices of the components to restore exist: ${shown}${more}. Stop the applications and delete them, or send "deleteExistingIndices": true`,
      );
    }
    const keptIndices = components.includes('webapps') ? await this.notInBackup(steps, existingIndices) : [];
    return {
      components,
      steps,
      existingIndices: existingIndices.filter((index) => !keptIndices.includes(index)),
      keptIndices,
    };
  }

  /**
   * Existing web-apps indices the backup does not contain: deleting them would lose them. Backups of
   * Camunda 8.8 before 8.8.15 lack the dated usage-metric, operation and batch-operation indices
   * (Camunda #47122; its restore guide says to keep them), so these are kept, not deleted.
   */
  private async notInBackup(steps: RestoreStep[], existingIndices: string[]): Promise<string[]> {
    const restored = new Set<string>();
    for (const step of steps) {
      const [snapshot] = await this.datastore.getSnapshots(step.repository, [step.snapshot]);
      for (const index of snapshot?.indices ?? []) restored.add(index);
    }
    const { indexPrefix } = this.config.components.webapps;
    const prefix = indexPrefix === '' ? '' : `${indexPrefix}-`;
    const webapps = new RegExp(`^${prefix.replace(/[.]/g, '\\.')}(operate|tasklist|camunda)-`);
    return existingIndices.filter((index) => webapps.test(index) && !restored.has(index));
  }

  /**
   * The components of the coordinated backup, or every component with a backup of this ID, of either
   * generation (a repository upgraded from 8.7 holds per-app backups an 8.8 daemon can restore).
   */
  private async componentsOf(backupId: bigint): Promise<RestoreComponent[]> {
    const record = await this.coordinated.get(backupId);
    if (record) return [...record.components, ...(record.zeebe ? (['zeebe'] as const) : [])];
    const found: RestoreComponent[] = [];
    for (const component of SNAPSHOT_COMPONENTS) {
      const settings = this.config.components[component];
      if (settings.repository && (await this.catalog.getBackup(settings, backupId))) {
        found.push(component);
      }
    }
    const repository = this.config.coordination.zeebeRecordsRepository;
    if (
      repository &&
      (await this.datastore.getSnapshots(repository, [zeebeRecordsSnapshotName(backupId)])).length > 0
    ) {
      found.push('zeebe');
    }
    if (found.length === 0)
      throw new DomainError('not_found', `No backup with ID ${backupId} was found in any component`);
    return found;
  }

  private async componentSteps(
    component: Exclude<RestoreComponent, 'zeebe'>,
    backupId: bigint,
    allowVersionMismatch: boolean,
    versionProblems: string[],
  ): Promise<RestoreStep[]> {
    const settings = this.config.components[component];
    if (!settings.repository) {
      throw new DomainError('invalid_request', `No backup repository configured for ${component}`);
    }
    const view = await this.catalog.getBackup(settings, backupId);
    if (!view) throw new DomainError('not_found', `No ${component} backup with ID ${backupId}`);
    if (view.state !== 'COMPLETED') {
      throw new DomainError(
        'conflict',
        `The ${component} backup ${backupId} is ${view.state}, not COMPLETED${view.failureReason ? `: ${view.failureReason}` : ''}; only a COMPLETED backup can be restored`,
      );
    }
    const parts = view.details
      .map((detail) => ({ name: detail.snapshotName, parsed: parseAnySnapshotName(detail.snapshotName)! }))
      .sort((a, b) => a.parsed.partNo - b.parsed.partNo);
    for (const part of parts) {
      if (part.parsed.version !== settings.version && !allowVersionMismatch) {
        versionProblems.push(
          `${part.name} has ${part.parsed.version}, ${component} is configured with ${settings.version}`,
        );
        break;
      }
    }
    return parts.map((part) => ({ component, repository: settings.repository!, snapshot: part.name }));
  }

  private async recordsStep(backupId: bigint): Promise<RestoreStep> {
    const repository = this.config.coordination.zeebeRecordsRepository;
    if (!repository)
      throw new DomainError('invalid_request', 'No repository for the Zeebe records snapshot is configured');
    const name = zeebeRecordsSnapshotName(backupId);
    const [snapshot] = await this.datastore.getSnapshots(repository, [name]);
    if (!snapshot) throw new DomainError('not_found', `The Zeebe records snapshot ${name} does not exist`);
    if (snapshot.state !== 'SUCCESS') {
      throw new DomainError(
        'conflict',
        `The Zeebe records snapshot ${name} is ${snapshot.state}, not SUCCESS`,
      );
    }
    return { component: 'zeebe', repository, snapshot: name };
  }

  private async existingIndices(components: RestoreComponent[]): Promise<string[]> {
    const patterns = components.flatMap((c) => {
      if (c === 'zeebe') return [this.config.coordination.zeebeRecordsIndexPattern];
      const { indexPrefix } = this.config.components[c];
      if (c !== 'webapps') return [`${indexPrefix}-*`];
      // Web apps: Operate's, Tasklist's and the orchestration cluster's own (camunda-*) indices.
      const prefix = indexPrefix === '' ? '' : `${indexPrefix}-`;
      return [`${prefix}operate-*`, `${prefix}tasklist-*`, `${prefix}camunda-*`];
    });
    return (await this.datastore.listIndices(patterns)).map((index) => index.name);
  }
}

const RESTORE_ORDER: readonly RestoreComponent[] = [...SNAPSHOT_COMPONENTS, 'zeebe'];
