import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import { backupSnapshotPattern, planWebappsParts, snapshotName } from '@app/snapshot-planning';
import { SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { ComponentSettings } from '../core/config/orchestrator-config.js';
import { DomainError } from '../core/errors/domain-error.js';
import type { BackupJobData } from './backup-job.js';
import { BackupQueues } from './backup-queues.js';
import { requireRepository, translateRepositoryMissing } from './snapshot-repository.js';

/**
 * Accepts backups: validates synchronously (repository, duplicate), enqueues one job with a
 * deterministic ID, and returns the names of the parts that will be created.
 */
@Injectable()
export class BackupAcceptance {
  private readonly logger = new Logger(BackupAcceptance.name);

  constructor(
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(BackupQueues) private readonly queues: BackupQueues,
  ) {}

  async createBackup(component: ComponentSettings, backupId: bigint): Promise<string[]> {
    const repository = requireRepository(component);
    // Existence is all this needs: the cheap listing. It also proves the repository is there (a
    // missing one answers repository_missing), so no separate round trip checks that.
    const existing = await this.datastore
      .getSnapshots(repository, [backupSnapshotPattern(component.name, backupId)], { verbose: false })
      .catch((error: unknown) => {
        throw translateRepositoryMissing(error, repository);
      });
    if (existing.length > 0) {
      throw new DomainError(
        'duplicate_backup',
        `A backup with ID [${backupId}] already exists. Found snapshots: [${existing.map((s) => s.name).join(', ')}]`,
      );
    }

    // Web-apps parts depend on the indices that exist: planned now, so the answer names every part.
    const plan = component.name === 'webapps' ? await this.planWebapps(component) : undefined;
    const partCount = plan?.length ?? component.partCount!;
    const data: BackupJobData = {
      component: component.name,
      backupId: backupId.toString(),
      version: component.version,
      partCount,
      ...(plan ? { plan } : {}),
      repository,
      acceptanceToken: randomUUID(),
      acceptedAt: Date.now(),
    };
    const { accepted, existing: existingJob } = await this.queues.addIfAbsent(data);
    if (!accepted) {
      throw new DomainError(
        'duplicate_backup',
        `A backup with ID [${backupId}] already exists: it was accepted at ${new Date(existingJob?.job.data.acceptedAt ?? 0).toISOString()} and its job is ${existingJob?.state ?? 'finishing'}.`,
      );
    }
    this.logger.log(
      `Accepted ${component.name} backup ${backupId} (${partCount} parts, repository ${repository})`,
    );
    return Array.from({ length: partCount }, (_, index) =>
      snapshotName({
        component: component.name,
        backupId,
        version: component.version,
        partNo: index + 1,
        partCount,
      }),
    );
  }

  /**
   * The web-apps parts for CAMUNDA_VERSION's layout from the indices that exist (facts 8.8+ §2.2, §3).
   * A missing required index refuses the backup, naming the indices; nothing is created.
   */
  private async planWebapps(component: ComponentSettings): Promise<string[][]> {
    const prefix = component.indexPrefix === '' ? '' : `${component.indexPrefix}-`;
    const indices = await this.datastore.listIndices([
      `${prefix}operate-*`,
      `${prefix}tasklist-*`,
      `${prefix}camunda-*`,
    ]);
    const plan = planWebappsParts({
      version: component.version,
      indexPrefix: component.indexPrefix,
      existingIndices: indices.map((index) => index.name),
    });
    if (plan.missingRequired.length > 0) {
      throw new DomainError(
        'conflict',
        `Cannot back up the web apps of Camunda ${component.version} (layout ${plan.layoutLabel}): required indices are missing: [${plan.missingRequired.join(', ')}]. Nothing was created.`,
      );
    }
    return plan.parts.map((part) => part.indices);
  }
}
