import { Inject, Injectable, Logger } from '@nestjs/common';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { CoordinatedBackups } from '../coordinated/coordinated-backup.service.js';
import { backupsToDelete, type RetainedBackup } from './retention-policy.js';

/** Applies BACKUP_RETENTION_COUNT / BACKUP_RETENTION_MAX_AGE to the coordinated backups. */
@Injectable()
export class BackupRetention {
  private readonly logger = new Logger(BackupRetention.name);

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(CoordinatedBackups) private readonly backups: CoordinatedBackups,
  ) {}

  get isConfigured(): boolean {
    const { retentionCount, retentionMaxAgeMs } = this.config.coordination;
    return retentionCount !== undefined || retentionMaxAgeMs !== undefined;
  }

  /** Deletes what the rules say; returns the deleted IDs. */
  async apply(): Promise<bigint[]> {
    if (!this.isConfigured) return [];
    const views = await this.backups.list();
    const retained: RetainedBackup[] = views.map((view) => ({
      backupId: view.backupId,
      acceptedAt: Date.parse(view.acceptedAt),
      state: view.state,
      finished: view.finished,
    }));
    const doomed = backupsToDelete(
      retained,
      {
        count: this.config.coordination.retentionCount,
        maxAgeMs: this.config.coordination.retentionMaxAgeMs,
      },
      Date.now(),
    );
    for (const backupId of doomed) {
      await this.backups.delete(backupId);
      this.logger.log(`Retention: deleted coordinated backup ${backupId}`);
    }
    return doomed;
  }
}
