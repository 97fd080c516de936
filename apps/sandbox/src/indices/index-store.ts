import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile, removeFile, writeJsonAtomic } from '../common/atomic-file.js';
import { newUuid } from '../common/ids.js';
import { EsError, indexClosed, indexNotFound } from '../http/errors.js';
import type { Target } from './multi-target.js';

export interface StoredDoc {
  source: unknown;
  version: number;
  seqNo: number;
}

/**
 * A restore from a snapshot into this index. `running` while its (modelled) shard recovery copies
 * data; `failed` when the sandbox stopped mid-restore (a full-cluster restart loses the restore, so
 * the primaries stay unassigned and the index red until it is deleted).
 */
export interface RestoreState {
  repository: string;
  snapshot: string;
  snapshotUuid: string;
  version: string;
  sourceIndex: string;
  restoreUuid: string;
  startTime: number;
  durationMs: number;
  sizeInBytes: number;
  state: 'running' | 'done' | 'failed';
  stopTime?: number;
}

export interface IndexState {
  name: string;
  uuid: string;
  creationDate: number;
  /** Flat settings with string values, keys prefixed `index.`. */
  settings: Record<string, string>;
  mappings: Record<string, unknown>;
  aliases: Record<string, Record<string, unknown>>;
  state: 'open' | 'close';
  docs: Map<string, StoredDoc>;
  nextSeqNo: number;
  restore?: RestoreState;
}

interface PersistedIndex extends Omit<IndexState, 'docs'> {
  docs: Array<[string, StoredDoc]>;
}

export interface NewIndex {
  name: string;
  settings?: Record<string, string>;
  mappings?: Record<string, unknown>;
  aliases?: Record<string, Record<string, unknown>>;
}

/** Primaries not active: a restore still copying data, or one lost to a restart. */
export function primariesInactive(index: IndexState): boolean {
  return index.restore !== undefined && index.restore.state !== 'done';
}

export function shardCount(index: IndexState): number {
  return Number(index.settings['index.number_of_shards'] ?? '1');
}

export function replicaCount(index: IndexState): number {
  return Number(index.settings['index.number_of_replicas'] ?? '1');
}

/** Hidden: `index.hidden: true`, or (sandbox rule, see docs) a name starting with a dot. */
export function isHidden(index: IndexState): boolean {
  return index.settings['index.hidden'] === 'true' || index.name.startsWith('.');
}

/** The indices of the cluster, one JSON file each under `<data>/indices/<uuid>.json`. */
export class IndexStore {
  private readonly indices = new Map<string, IndexState>();
  /** Uuids of indices read from disk at start-up: their shards recovered from the existing store. */
  private readonly loadedFromDisk = new Set<string>();
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'indices');
  }

  load(): void {
    mkdirSync(this.dir, { recursive: true });
    for (const file of readdirSync(this.dir).filter((f) => f.endsWith('.json'))) {
      const persisted = readJsonFile<PersistedIndex>(join(this.dir, file));
      if (!persisted) continue;
      const index: IndexState = { ...persisted, docs: new Map(persisted.docs) };
      if (index.restore?.state === 'running') {
        index.restore = { ...index.restore, state: 'failed' };
        this.save(index);
      } else if (index.restore?.state === 'done') {
        delete index.restore;
      }
      this.indices.set(index.name, index);
      this.loadedFromDisk.add(index.uuid);
    }
  }

  wasLoadedFromDisk(index: IndexState): boolean {
    return this.loadedFromDisk.has(index.uuid);
  }

  reset(): void {
    this.indices.clear();
    this.loadedFromDisk.clear();
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  all(): IndexState[] {
    return [...this.indices.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  targets(): Target[] {
    return this.all().map((i) => ({
      name: i.name,
      hidden: isHidden(i),
      open: i.state === 'open',
      aliases: Object.keys(i.aliases),
    }));
  }

  get(name: string): IndexState | undefined {
    return this.indices.get(name);
  }

  /** The index, or 404 `index_not_found_exception`. */
  require(name: string): IndexState {
    const index = this.indices.get(name);
    if (!index) throw indexNotFound(name);
    return index;
  }

  /** The open index, or 404 / 400 `index_closed_exception`. */
  requireOpen(name: string): IndexState {
    const index = this.require(name);
    if (index.state !== 'open') throw indexClosed(index.name, index.uuid);
    return index;
  }

  hasAlias(name: string): boolean {
    return this.all().some((i) => name in i.aliases);
  }

  create(spec: NewIndex): IndexState {
    const existing = this.indices.get(spec.name);
    if (existing) {
      throw new EsError(
        400,
        'resource_already_exists_exception',
        `index [${existing.name}/${existing.uuid}] already exists`,
        {
          index_uuid: existing.uuid,
          index: existing.name,
        },
      );
    }
    const index: IndexState = {
      name: spec.name,
      uuid: newUuid(),
      creationDate: Date.now(),
      settings: {
        'index.number_of_shards': '1',
        'index.number_of_replicas': '1',
        ...spec.settings,
      },
      mappings: spec.mappings ?? {},
      aliases: spec.aliases ?? {},
      state: 'open',
      docs: new Map(),
      nextSeqNo: 0,
    };
    this.indices.set(index.name, index);
    this.save(index);
    return index;
  }

  delete(index: IndexState): void {
    this.indices.delete(index.name);
    removeFile(this.file(index));
  }

  save(index: IndexState): void {
    const persisted: PersistedIndex = { ...index, docs: [...index.docs.entries()] };
    writeJsonAtomic(this.file(index), persisted);
  }

  private file(index: IndexState): string {
    return join(this.dir, `${index.uuid}.json`);
  }
}
