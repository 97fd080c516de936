import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  compareBackupIdsNewestFirst,
  parseAnySnapshotName,
  SNAPSHOT_COMPONENTS,
  type SnapshotComponent,
} from '@app/snapshot-planning';
import { BackupCatalog } from '../backup/backup-catalog.service.js';
import { BackupDeletion } from '../backup/backup-deletion.service.js';
import type { BackupView } from '../backup/backup-view.js';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { ComponentSettings, OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { DomainError } from '../core/errors/domain-error.js';
import { CoordinatedBackups } from '../coordinated/coordinated-backup.service.js';
import {
  type CoordinatedBackupView,
  type ComponentView,
  CoordinatedDescriber,
} from '../coordinated/coordinated-describer.service.js';
import { type CoordinatedRecord, zeebeRecordsSnapshotName } from '../coordinated/coordinated-record.js';
import type { CoordinatedState } from '../coordinated/coordinated-state.js';
import { CoordinatedStore } from '../coordinated/coordinated-store.js';
import {
  type CatalogComponent,
  type CatalogEntry,
  type ComponentFacts,
  componentEntry,
  entryTimes,
  generationOfViews,
  isFinal,
  totalSize,
} from './catalog-entry.js';
import { type CatalogQuery, DEFAULT_PAGE_SIZE } from './catalog-query.js';
import { type SizedSnapshot, SnapshotSizes } from './snapshot-sizes.service.js';

export interface CatalogPage {
  backups: CatalogEntry[];
  /** Pass as `before` for the next page; null on the last one. */
  nextBefore: string | null;
}

/** One backup in full: the catalog entry plus each part, each step and Zeebe's inclusion. */
export type CatalogDescription = CatalogEntry & {
  finished: boolean;
  zeebe: CoordinatedBackupView['zeebe'];
  steps: CoordinatedBackupView['steps'];
  components: Record<string, CatalogComponent & Record<string, unknown>>;
};

const NOT_COORDINATED = 'made through a component API, not as a coordinated backup';

/**
 * Every backup in the repository, whatever made it: coordinated backups (API, CLI, schedule) and
 * backups made through a component API, of either Camunda generation (product contract §6: a
 * repository upgraded from 8.7 holds both). One ID is one entry; reading, deleting and restoring
 * work on any of them.
 */
@Injectable()
export class BackupInventory {
  private readonly logger = new Logger(BackupInventory.name);

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(BackupCatalog) private readonly catalog: BackupCatalog,
    @Inject(BackupDeletion) private readonly deletion: BackupDeletion,
    @Inject(CoordinatedBackups) private readonly coordinated: CoordinatedBackups,
    @Inject(CoordinatedDescriber) private readonly describer: CoordinatedDescriber,
    @Inject(CoordinatedStore) private readonly store: CoordinatedStore,
    @Inject(SnapshotSizes) private readonly sizes: SnapshotSizes,
  ) {}

  /** A page of the newest backups matching the query. */
  async list(query: CatalogQuery): Promise<CatalogPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = query.before === undefined ? undefined : BigInt(query.before);
    const sinceMillis = query.since === undefined ? undefined : Date.parse(query.since);
    const [{ views, listed }, records] = await Promise.all([
      this.componentViews(),
      this.coordinatedRecords(),
    ]);
    void this.pruneSizes(views, listed);
    const ids = [...new Set<bigint>([...views.keys(), ...records.keys()])]
      .filter((id) => before === undefined || id < before)
      .sort(compareBackupIdsNewestFirst);

    const page: Array<{ entry: CatalogEntry; parts: PartsByComponent }> = [];
    let more = false;
    for (const id of ids) {
      const built = await this.entryOf(id, records.get(id), views.get(id) ?? new Map());
      if (!matches(built.entry, query, sinceMillis)) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(built);
    }
    await this.addSizes(page);
    return {
      backups: page.map((built) => built.entry),
      nextBefore: more ? page.at(-1)!.entry.backupId.toString() : null,
    };
  }

  /** One backup with every part; 404 when nothing of it exists. */
  async describe(backupId: bigint): Promise<CatalogDescription> {
    const record = await this.coordinated.readRecord(backupId);
    const views = new Map<SnapshotComponent, BackupView>();
    if (!record) {
      for (const settings of this.cataloged()) {
        const view = await this.readComponent(settings, () => this.catalog.getBackup(settings, backupId));
        if (view) views.set(settings.name, view);
      }
      if (views.size === 0) throw new DomainError('not_found', `No backup with ID ${backupId}`);
    }
    const built = await this.entryOf(backupId, record, views);
    await this.addSizes([built]);
    const { entry, coordinatedView } = built;
    const components: CatalogDescription['components'] = {};
    for (const [name, component] of Object.entries(entry.components)) {
      const details = coordinatedView?.components[name] ?? {
        details: views.get(name as SnapshotComponent)?.details,
      };
      components[name] = { ...details, ...component };
    }
    return {
      ...entry,
      components,
      finished: coordinatedView
        ? coordinatedView.finished
        : Object.values(entry.components).every((c) => isFinal(c.state)),
      zeebe: coordinatedView ? coordinatedView.zeebe : { included: false, reason: NOT_COORDINATED },
      steps: coordinatedView ? coordinatedView.steps : [],
    };
  }

  /** Deletes every piece of the backup, whatever made it; 404 when nothing of it exists. */
  async delete(backupId: bigint): Promise<void> {
    const stored = await this.store.read(backupId.toString());
    if (stored) {
      await this.coordinated.delete(backupId);
      return;
    }
    const found: Array<{ settings: ComponentSettings; view: BackupView }> = [];
    for (const settings of this.cataloged()) {
      const view = await this.readComponent(settings, () => this.catalog.getBackup(settings, backupId));
      if (view) found.push({ settings, view });
    }
    if (found.length === 0) throw new DomainError('not_found', `No backup with ID ${backupId}`);
    for (const { settings, view } of found) {
      await this.deletion.deleteBackup(settings, backupId);
      await this.sizes.forget(settings.repository!, sizedParts(view));
    }
    this.logger.log(`Deleted backup ${backupId} (${found.map((f) => f.settings.name).join(', ')})`);
  }

  /** Components whose backups the catalog reads: every one with a repository, of either generation. */
  private cataloged(): ComponentSettings[] {
    return SNAPSHOT_COMPONENTS.map((name) => this.config.components[name]).filter((c) => c.repository);
  }

  /**
   * A component of the other generation (disabled) is read for the catalog, but its repository
   * problems do not fail a list: only the enabled components' repositories must be there.
   */
  private async readComponent<T>(
    settings: ComponentSettings,
    read: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      if (!settings.enabled && error instanceof DomainError && error.kind.startsWith('repository_')) {
        return undefined;
      }
      throw error;
    }
  }

  /**
   * Drops the cached sizes of snapshots the full listing no longer shows, per repository, among the
   * names of the components listed (a component of the other generation whose repository could not
   * be read is not listed, and keeps its sizes).
   */
  private async pruneSizes(
    views: Map<bigint, Map<SnapshotComponent, BackupView>>,
    listed: readonly ComponentSettings[],
  ): Promise<void> {
    const byRepository = new Map<string, { components: Set<string>; snapshots: SizedSnapshot[] }>();
    for (const settings of listed) {
      const entry = byRepository.get(settings.repository!) ?? { components: new Set(), snapshots: [] };
      entry.components.add(settings.name);
      byRepository.set(settings.repository!, entry);
    }
    for (const components of views.values()) {
      for (const [name, view] of components) {
        byRepository.get(this.config.components[name].repository!)?.snapshots.push(...sizedParts(view));
      }
    }
    for (const [repository, { components, snapshots }] of byRepository) {
      const owned = (snapshotName: string) => {
        const component = parseAnySnapshotName(snapshotName)?.component;
        return component !== undefined && components.has(component);
      };
      await this.sizes.prune(repository, snapshots, owned);
    }
  }

  /** Every component's backups by ID, and the components that could be listed. */
  private async componentViews(): Promise<{
    views: Map<bigint, Map<SnapshotComponent, BackupView>>;
    listed: ComponentSettings[];
  }> {
    const byId = new Map<bigint, Map<SnapshotComponent, BackupView>>();
    const listed: ComponentSettings[] = [];
    for (const settings of this.cataloged()) {
      const views = await this.readComponent(settings, () => this.catalog.listBackups(settings));
      if (views === undefined) continue;
      listed.push(settings);
      for (const view of views) {
        let components = byId.get(view.backupId);
        if (!components) byId.set(view.backupId, (components = new Map()));
        components.set(settings.name, view);
      }
    }
    return { views: byId, listed };
  }

  private async coordinatedRecords(): Promise<Map<bigint, CoordinatedRecord>> {
    const records = await this.coordinated.records();
    return new Map(records.map((record) => [BigInt(record.backupId), record]));
  }

  private async entryOf(
    backupId: bigint,
    record: CoordinatedRecord | undefined,
    views: Map<SnapshotComponent, BackupView>,
  ): Promise<{ entry: CatalogEntry; parts: PartsByComponent; coordinatedView?: CoordinatedBackupView }> {
    if (!record) {
      const facts = new Map<SnapshotComponent, ComponentFacts>();
      const parts: PartsByComponent = new Map();
      for (const [name, view] of views) {
        facts.set(name, { view, sizeBytes: null });
        parts.set(name, {
          repository: this.config.components[name].repository!,
          snapshots: sizedParts(view),
        });
      }
      return { entry: componentEntry(backupId, facts, this.config.topology), parts };
    }
    const coordinatedView = await this.describer.describe(record);
    const components: Record<string, CatalogComponent> = {};
    const parts: PartsByComponent = new Map();
    const generationViews = new Map<SnapshotComponent, BackupView>();
    for (const [name, view] of Object.entries(coordinatedView.components)) {
      components[name] = catalogComponentOf(view);
      const details = view.details as BackupView['details'] | undefined;
      if (name === 'zeebe') {
        const repository = this.config.coordination.zeebeRecordsRepository;
        if (repository && view.state !== 'PENDING' && view.state !== 'SKIPPED') {
          const finished = isFinal(view.state);
          parts.set(name, {
            repository,
            snapshots: [
              { name: zeebeRecordsSnapshotName(backupId), startTime: view.startedAt ?? null, finished },
            ],
          });
        }
      } else if (details) {
        const component = name as SnapshotComponent;
        generationViews.set(component, { backupId, state: 'COMPLETED', failureReason: null, details });
        parts.set(name, {
          repository: this.config.components[component].repository!,
          snapshots: details.map((d) => ({
            name: d.snapshotName,
            startTime: d.startTime,
            finished: d.state !== 'IN_PROGRESS',
          })),
        });
      }
    }
    const list = Object.values(components);
    const entry: CatalogEntry = {
      backupId,
      kind: 'coordinated',
      generation: generationOfViews(generationViews, this.config.topology),
      trigger: record.trigger,
      state: coordinatedView.state,
      failureReason: coordinatedView.failureReason,
      ...entryTimes(record.acceptedAt, list, coordinatedView.finished),
      sizeBytes: null,
      components,
    };
    return { entry, parts, coordinatedView };
  }

  /** Reads the sizes of the entries' parts (one `_status` batch per repository) and adds them up. */
  private async addSizes(built: Array<{ entry: CatalogEntry; parts: PartsByComponent }>): Promise<void> {
    const wanted = new Map<string, SizedSnapshot[]>();
    for (const { parts } of built) {
      for (const { repository, snapshots } of parts.values()) {
        wanted.set(repository, [...(wanted.get(repository) ?? []), ...snapshots]);
      }
    }
    const sizes = new Map<string, Map<string, number>>();
    for (const [repository, snapshots] of wanted)
      sizes.set(repository, await this.sizes.sizesOf(repository, snapshots));
    for (const { entry, parts } of built) {
      for (const [name, { repository, snapshots }] of parts) {
        const known = snapshots.flatMap((s) => {
          const size = sizes.get(repository)?.get(s.name);
          return size === undefined ? [] : [size];
        });
        const component = entry.components[name];
        if (component && known.length > 0) component.sizeBytes = known.reduce((sum, size) => sum + size, 0);
      }
      entry.sizeBytes = totalSize(Object.values(entry.components));
    }
  }
}

type PartsByComponent = Map<string, { repository: string; snapshots: SizedSnapshot[] }>;

function sizedParts(view: BackupView): SizedSnapshot[] {
  return view.details.map((d) => ({
    name: d.snapshotName,
    startTime: d.startTime,
    finished: d.state !== 'IN_PROGRESS',
  }));
}

function catalogComponentOf(view: ComponentView): CatalogComponent {
  return {
    state: view.state,
    failureReason: view.failureReason,
    startedAt: view.startedAt ?? null,
    finishedAt: view.finishedAt ?? null,
    sizeBytes: null,
  };
}

function matches(entry: CatalogEntry, query: CatalogQuery, sinceMillis: number | undefined): boolean {
  if (query.component && !(query.component in entry.components)) return false;
  if (query.state && entry.state !== (query.state as CoordinatedState)) return false;
  if (sinceMillis !== undefined) {
    const at = entry.acceptedAt ?? entry.startedAt;
    if (at !== null && Date.parse(at) < sinceMillis) return false;
  }
  return true;
}
