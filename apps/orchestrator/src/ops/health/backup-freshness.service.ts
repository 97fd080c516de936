import { Inject, Injectable } from '@nestjs/common';
import type { SnapshotComponent } from '@app/snapshot-planning';
import { BackupCatalog } from '../../backup/backup-catalog.service.js';
import { ORCHESTRATOR_CONFIG } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { type FreshnessVerdict, judgeFreshness } from './backup-freshness.js';

/**
 * Freshness of a component's backups (BACKUP_FRESHNESS_MAX_AGE) from the catalog, the datastore's
 * truth: a backup deleted since, or never taken, does not count.
 */
@Injectable()
export class BackupFreshness {
  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(BackupCatalog) private readonly catalog: BackupCatalog,
  ) {}

  /** undefined when freshness is off (BACKUP_FRESHNESS_MAX_AGE unset). */
  get maxAgeMs(): number | undefined {
    return this.config.operations.freshnessMaxAgeMs;
  }

  /** Whether the component has a repository to take backups into (else it has no freshness). */
  applies(component: SnapshotComponent): boolean {
    return this.config.components[component].repository !== undefined;
  }

  /** Throws when the catalog cannot be read (the datastore is down): that is no verdict. */
  async judge(component: SnapshotComponent): Promise<FreshnessVerdict> {
    const maxAgeMs = this.maxAgeMs;
    if (maxAgeMs === undefined) throw new Error('BACKUP_FRESHNESS_MAX_AGE is not set');
    const backups = await this.catalog.listBackups(this.config.components[component]);
    return judgeFreshness(backups, Date.now(), maxAgeMs);
  }
}
