import { backupIdFromRequest } from '../core/backup-id.js';
import { COORDINATED_QUEUE } from '../jobs/queue-names.js';
import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import { COMPONENTS, type ComponentName } from '@app/snapshot-planning';
import type { FlowProducer, Queue } from 'bullmq';
import { BackupCatalog } from '../backup/backup-catalog.service.js';
import { BackupDeletion } from '../backup/backup-deletion.service.js';
import { assertRepositoryPresent, requireRepository } from '../backup/snapshot-repository.js';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { ZEEBE_CLIENT } from '../zeebe/zeebe-client.provider.js';
import type { ZeebeManagementClient } from '../zeebe/zeebe-management-client.js';
import { DomainError } from '../core/errors/domain-error.js';
import { RedisConnections } from '../core/redis/redis-connections.js';
import { buildCoordinatedFlow } from './coordinated-flow.js';
import { type CoordinatedRecord, zeebeRecordsSnapshotName } from './coordinated-record.js';
import { type StepJobData, type StepResult, stepJobId, stepsOf } from './coordinated-steps.js';
import { CoordinatedStore } from './coordinated-store.js';
import { type CoordinatedBackupView, CoordinatedDescriber } from './coordinated-describer.service.js';
import type { CoordinatedComponent } from './create-coordinated-backup.request.js';

export const ZEEBE_NOT_CONFIGURED =
  'ZEEBE_MANAGEMENT_URL is not set: the Zeebe steps (pause exporting, records snapshot, broker backup, resume) are skipped';

/**
 * Coordinated backups: one ID across the chosen components, run as a BullMQ flow (coordinated-flow.ts).
 * Accepting checks everything it can first (components, repositories, ID, nothing running) and changes
 * nothing when it refuses.
 */
@Injectable()
export class CoordinatedBackups {
  private readonly logger = new Logger(CoordinatedBackups.name);

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeManagementClient | null,
    @Inject(BackupCatalog) private readonly catalog: BackupCatalog,
    @Inject(RedisConnections) private readonly redis: RedisConnections,
    @Inject(BackupDeletion) private readonly deletion: BackupDeletion,
    @Inject(CoordinatedStore) private readonly store: CoordinatedStore,
    @Inject(CoordinatedDescriber) private readonly views: CoordinatedDescriber,
    @InjectQueue(COORDINATED_QUEUE) private readonly queue: Queue<StepJobData, StepResult>,
    @InjectFlowProducer(COORDINATED_QUEUE) private readonly flows: FlowProducer,
  ) {}

  async create(
    request: { backupId?: unknown; components?: CoordinatedComponent[] },
    trigger: 'api' | 'schedule',
  ): Promise<CoordinatedRecord> {
    const { components, zeebe, zeebeSkippedReason } = this.selectComponents(request.components);
    await this.checkRepositories(components, zeebe);
    const running = await this.runningBackup();
    if (running) {
      throw new DomainError(
        'conflict',
        `Coordinated backup ${running} is still in progress; start the next one when it has finished`,
      );
    }
    const backupId =
      request.backupId === undefined ? await this.nextBackupId() : backupIdFromRequest(request.backupId);
    if (request.backupId !== undefined) await this.checkUnused(backupId, components, zeebe);

    const record: CoordinatedRecord = {
      backupId: backupId.toString(),
      components,
      zeebe,
      ...(zeebeSkippedReason ? { zeebeSkippedReason } : {}),
      acceptedAt: Date.now(),
      trigger,
    };
    if (!(await this.store.create(record))) {
      throw new DomainError('conflict', `A coordinated backup with ID ${backupId} already exists`);
    }
    await this.flows.add(buildCoordinatedFlow(record));
    await this.redis.confirmReplicated().catch((error: Error) => {
      throw new DomainError(
        'queue_unavailable',
        `Coordinated backup ${backupId} is not confirmed: ${error.message}. Retry when Redis is back.`,
      );
    });
    this.logger.log(
      `Accepted coordinated backup ${backupId} (${trigger}): ${stepsOf(record).join(' → ')}${zeebe ? '' : ' (Zeebe skipped)'}`,
    );
    return record;
  }

  async get(backupId: bigint): Promise<CoordinatedBackupView> {
    const record = await this.store.get(backupId);
    if (!record) throw new DomainError('not_found', `No coordinated backup with ID ${backupId}`);
    return this.views.describe(record);
  }

  async list(): Promise<CoordinatedBackupView[]> {
    const views: CoordinatedBackupView[] = [];
    for (const record of await this.store.list()) views.push(await this.views.describe(record));
    return views;
  }

  /** Whether every step of the backup's flow has finished. */
  async isFinished(record: CoordinatedRecord): Promise<boolean> {
    const steps = stepsOf(record);
    const root = await this.queue.getJob(stepJobId(record.backupId, steps[steps.length - 1]!));
    const state = root ? await root.getState() : 'unknown';
    return state === 'completed' || state === 'failed' || state === 'unknown';
  }

  /** Deletes every piece: component backups, the records snapshot, the Zeebe backup, the flow's jobs. */
  async delete(backupId: bigint): Promise<void> {
    const record = await this.store.get(backupId);
    if (!record) throw new DomainError('not_found', `No coordinated backup with ID ${backupId}`);
    if (!(await this.isFinished(record))) {
      throw new DomainError(
        'conflict',
        `Coordinated backup ${backupId} is in progress; delete it when it has finished`,
      );
    }
    for (const component of record.components) {
      await this.deletion.deleteBackup(this.config.components[component], backupId);
    }
    if (record.zeebe) {
      const repository = this.config.coordination.zeebeRecordsRepository;
      if (repository) await this.datastore.deleteSnapshots(repository, [zeebeRecordsSnapshotName(backupId)]);
      await this.zeebe?.deleteBackup(backupId);
    }
    const steps = stepsOf(record);
    const root = await this.queue.getJob(stepJobId(backupId, steps[steps.length - 1]!));
    await root?.remove({ removeChildren: true });
    await this.store.remove(backupId);
    this.logger.log(`Deleted coordinated backup ${backupId}`);
  }

  private selectComponents(requested: CoordinatedComponent[] | undefined): {
    components: ComponentName[];
    zeebe: boolean;
    zeebeSkippedReason?: string;
  } {
    const enabled = COMPONENTS.filter((c) => this.config.components[c].enabled);
    if (requested === undefined) {
      return this.zeebe
        ? { components: enabled, zeebe: true }
        : { components: enabled, zeebe: false, zeebeSkippedReason: ZEEBE_NOT_CONFIGURED };
    }
    for (const name of requested) {
      if (name === 'zeebe' && !this.zeebe) {
        throw new DomainError(
          'invalid_request',
          'components: "zeebe" needs ZEEBE_MANAGEMENT_URL (the gateway management API) to be set',
        );
      }
      if (name !== 'zeebe' && !this.config.components[name].enabled) {
        throw new DomainError(
          'invalid_request',
          `components: "${name}" is disabled (${name.toUpperCase()}_ENABLED=false)`,
        );
      }
    }
    const components = COMPONENTS.filter((c) => requested.includes(c));
    return requested.includes('zeebe')
      ? { components, zeebe: true }
      : { components, zeebe: false, zeebeSkippedReason: 'zeebe was not among the requested components' };
  }

  private async checkRepositories(components: ComponentName[], zeebe: boolean): Promise<void> {
    const repositories = new Set(components.map((c) => requireRepository(this.config.components[c])));
    if (zeebe) {
      const repository = this.config.coordination.zeebeRecordsRepository;
      if (!repository) {
        throw new DomainError(
          'invalid_request',
          'No repository for the Zeebe records snapshot: set BACKUP_REPOSITORY_NAME or ZEEBE_RECORDS_BACKUP_REPOSITORY_NAME',
        );
      }
      repositories.add(repository);
    }
    for (const repository of repositories) {
      await assertRepositoryPresent(this.datastore, repository);
    }
  }

  private async runningBackup(): Promise<string | undefined> {
    for (const record of await this.store.list()) {
      if (!(await this.isFinished(record))) return record.backupId;
    }
    return undefined;
  }

  /** The current Unix time in seconds, or one more than the highest ID in use anywhere. */
  private async nextBackupId(): Promise<bigint> {
    let highest = 0n;
    const consider = (id: bigint): void => {
      if (id > highest) highest = id;
    };
    for (const record of await this.store.list()) consider(BigInt(record.backupId));
    for (const component of COMPONENTS) {
      const settings = this.config.components[component];
      if (!settings.enabled || !settings.repository) continue;
      for (const backup of await this.catalog.listBackups(settings)) consider(backup.backupId);
    }
    if (this.zeebe) for (const backup of await this.zeebe.listBackups()) consider(backup.backupId);
    const now = BigInt(Math.floor(Date.now() / 1000));
    return now > highest ? now : highest + 1n;
  }

  private async checkUnused(backupId: bigint, components: ComponentName[], zeebe: boolean): Promise<void> {
    if (await this.store.get(backupId)) {
      throw new DomainError('conflict', `A coordinated backup with ID ${backupId} already exists`);
    }
    for (const component of components) {
      if (await this.catalog.getBackup(this.config.components[component], backupId)) {
        throw new DomainError('conflict', `A ${component} backup with ID ${backupId} already exists`);
      }
    }
    if (zeebe && this.zeebe) {
      const higher = (await this.zeebe.listBackups()).find((backup) => backup.backupId >= backupId);
      if (higher) {
        throw new DomainError(
          'conflict',
          `Zeebe already has backup ${higher.backupId}; Zeebe backup IDs must be greater than every earlier one (leave backupId out to get one)`,
        );
      }
    }
  }
}
