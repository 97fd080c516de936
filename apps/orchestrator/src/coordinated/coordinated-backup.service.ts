import { withRedis } from '../core/redis/with-redis.js';
import { isPending } from '../jobs/queue-names.js';
import { OperationSlot } from './operation-slot.service.js';
import { backupIdFromRequest } from '../core/backup-id.js';
import { COORDINATED_QUEUE } from '../jobs/queue-names.js';
import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import { SNAPSHOT_COMPONENTS, type SnapshotComponent, MAX_BACKUP_ID } from '@app/snapshot-planning';
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
    @Inject(OperationSlot) private readonly slot: OperationSlot,
  ) {}

  async create(
    request: { backupId?: unknown; components?: CoordinatedComponent[] },
    trigger: CoordinatedRecord['trigger'],
  ): Promise<CoordinatedRecord> {
    const { components, zeebe, zeebeSkippedReason } = this.selectComponents(request.components);
    await this.checkRepositories(components, zeebe);
    const requested = request.backupId !== undefined;
    const backupId = requested ? backupIdFromRequest(request.backupId) : await this.nextBackupId();
    if (requested) await this.checkIncreasing(backupId);
    const slot = await this.slot.acquire('backup', backupId);
    try {
      return await this.start(backupId, components, zeebe, zeebeSkippedReason, trigger);
    } catch (error) {
      await this.slot.release(slot).catch(() => undefined);
      throw error;
    }
  }

  private async start(
    backupId: bigint,
    components: SnapshotComponent[],
    zeebe: boolean,
    zeebeSkippedReason: string | undefined,
    trigger: CoordinatedRecord['trigger'],
  ): Promise<CoordinatedRecord> {
    await this.checkUnused(backupId, components);
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
    await withRedis(`starting coordinated backup ${backupId}`, () =>
      this.flows.add(buildCoordinatedFlow(record)),
    );
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
    const record = await this.readRecord(backupId);
    if (!record) throw new DomainError('not_found', `No coordinated backup with ID ${backupId}`);
    return this.views.describe(record);
  }

  /** The stored record; undefined when there is none, 409 when it cannot be read (DELETE removes it). */
  async readRecord(backupId: bigint): Promise<CoordinatedRecord | undefined> {
    const stored = await this.store.read(backupId.toString());
    if (!stored) return undefined;
    if ('unreadable' in stored) {
      throw new DomainError(
        'conflict',
        `${stored.unreadable}; delete it with DELETE /api/v1/backups/${backupId}`,
      );
    }
    return stored.record;
  }

  /** Every readable record; an unreadable one is reported in the log and skipped (DELETE removes it). */
  async records(): Promise<CoordinatedRecord[]> {
    const records: CoordinatedRecord[] = [];
    for (const stored of await this.store.list()) {
      if ('unreadable' in stored) {
        this.logger.warn(
          `${stored.unreadable}: left out of the list; DELETE /api/v1/backups/${stored.backupId} removes it`,
        );
        continue;
      }
      records.push(stored.record);
    }
    return records;
  }

  async list(): Promise<CoordinatedBackupView[]> {
    const views: CoordinatedBackupView[] = [];
    for (const record of await this.records()) views.push(await this.views.describe(record));
    return views;
  }

  /** Whether every step of the backup's flow has finished. */
  async isFinished(record: CoordinatedRecord): Promise<boolean> {
    const steps = stepsOf(record);
    const state = await withRedis(`reading coordinated backup ${record.backupId}`, async () => {
      const root = await this.queue.getJob(stepJobId(record.backupId, steps[steps.length - 1]!));
      return root ? root.getState() : 'unknown';
    });
    return !isPending(state);
  }

  /** Deletes every piece: component backups, the records snapshot, the Zeebe backup, the flow's jobs. */
  async delete(backupId: bigint): Promise<void> {
    const stored = await this.store.read(backupId.toString());
    if (!stored) throw new DomainError('not_found', `No coordinated backup with ID ${backupId}`);
    if ('unreadable' in stored) {
      await this.store.remove(backupId.toString());
      this.logger.warn(`Removed the unreadable record of coordinated backup ${backupId}`);
      return;
    }
    const record = stored.record;
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
    await this.removeFlow(record);
    await this.store.remove(backupId.toString());
    // Without its record a holder would look like one still starting: free the slot now.
    await this.store.releaseExclusiveOf('backup', backupId.toString());
    this.logger.log(`Deleted coordinated backup ${backupId}`);
  }

  private selectComponents(requested: CoordinatedComponent[] | undefined): {
    components: SnapshotComponent[];
    zeebe: boolean;
    zeebeSkippedReason?: string;
  } {
    const enabled = SNAPSHOT_COMPONENTS.filter((c) => this.config.components[c].enabled);
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
    const components = SNAPSHOT_COMPONENTS.filter((c) => requested.includes(c));
    return requested.includes('zeebe')
      ? { components, zeebe: true }
      : { components, zeebe: false, zeebeSkippedReason: 'zeebe was not among the requested components' };
  }

  private async checkRepositories(components: SnapshotComponent[], zeebe: boolean): Promise<void> {
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

  /**
   * The newest backup ID anything holds: every component's backups in the repository (either
   * generation, enabled or not), Zeebe's backups, and coordinated backups still running.
   */
  private async highestKnownBackupId(): Promise<{ id: bigint; holder: string } | undefined> {
    let highest: { id: bigint; holder: string } | undefined;
    const consider = (id: bigint, holder: string): void => {
      if (!highest || id > highest.id) highest = { id, holder };
    };
    for (const stored of await this.store.list()) {
      if (!('unreadable' in stored) && !(await this.isFinished(stored.record))) {
        consider(BigInt(stored.record.backupId), 'a running coordinated backup');
      }
    }
    for (const component of SNAPSHOT_COMPONENTS) {
      const settings = this.config.components[component];
      if (!settings.repository) continue;
      const [newest] = await this.catalog.listBackups(settings);
      if (newest) consider(newest.backupId, `the ${component} backups`);
    }
    if (this.zeebe) {
      for (const backup of await this.zeebe.listBackups()) consider(backup.backupId, "Zeebe's backups");
    }
    return highest;
  }

  /** The current Unix time in seconds, or one more than the highest ID in use anywhere. */
  private async nextBackupId(): Promise<bigint> {
    const highest = (await this.highestKnownBackupId())?.id ?? 0n;
    const now = BigInt(Math.floor(Date.now() / 1000));
    if (now > highest) return now;
    if (highest >= MAX_BACKUP_ID) {
      throw new DomainError(
        'conflict',
        `No default backup ID is left: a backup with the highest ID ${MAX_BACKUP_ID} exists. Send an unused backupId, or delete that backup`,
      );
    }
    return highest + 1n;
  }

  /**
   * An explicit ID must be greater than every known one: Zeebe refuses anything else, and finding
   * that out at its step would come after the components' snapshots were taken (product contract §6).
   */
  private async checkIncreasing(backupId: bigint): Promise<void> {
    const highest = await this.highestKnownBackupId();
    if (highest && backupId <= highest.id) {
      throw new DomainError(
        'conflict',
        `Backup ID ${backupId} is not greater than ${highest.id}, the newest known backup ID (${highest.holder}): Zeebe backup IDs must be greater than every earlier one. Leave backupId out to get one, or send a greater one`,
      );
    }
  }

  /**
   * Only what exists blocks an ID: a record whose flow finished and whose backups were all deleted
   * (outside the daemon, say) is replaced.
   */
  private async checkUnused(backupId: bigint, components: SnapshotComponent[]): Promise<void> {
    const stored = await this.store.read(backupId.toString());
    if (stored) {
      if (
        'unreadable' in stored ||
        !(await this.isFinished(stored.record)) ||
        (await this.anyPieceExists(stored.record))
      ) {
        throw new DomainError('conflict', `A coordinated backup with ID ${backupId} already exists`);
      }
      await this.removeFlow(stored.record);
      await this.store.remove(backupId.toString());
    }
    for (const component of components) {
      if (await this.catalog.getBackup(this.config.components[component], backupId)) {
        throw new DomainError('conflict', `A ${component} backup with ID ${backupId} already exists`);
      }
    }
  }

  /** Whether any snapshot of the backup still exists (component parts or the records snapshot). */
  private async anyPieceExists(record: CoordinatedRecord): Promise<boolean> {
    const backupId = BigInt(record.backupId);
    for (const component of record.components) {
      if (await this.catalog.getBackup(this.config.components[component], backupId)) return true;
    }
    const repository = this.config.coordination.zeebeRecordsRepository;
    if (record.zeebe && repository) {
      const found = await this.datastore.getSnapshots(repository, [zeebeRecordsSnapshotName(backupId)], {
        verbose: false,
      });
      if (found.length > 0) return true;
    }
    return false;
  }

  private async removeFlow(record: CoordinatedRecord): Promise<void> {
    const steps = stepsOf(record);
    await withRedis(`removing the jobs of coordinated backup ${record.backupId}`, async () => {
      const root = await this.queue.getJob(stepJobId(record.backupId, steps[steps.length - 1]!));
      await root?.remove({ removeChildren: true });
    });
  }
}
