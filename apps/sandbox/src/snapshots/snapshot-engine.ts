import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../common/atomic-file.js';
import { toJson } from '../common/json.js';
import { newUuid } from '../common/ids.js';
import type { SandboxConfig } from '../config.js';
import { versionOf } from '../cluster/version.js';
import type { FaultStore, SnapshotOutcome } from '../faults/fault-store.js';
import { EsError } from '../http/errors.js';
import { type IndexState, type IndexStore, shardCount } from '../indices/index-store.js';
import { NODE_ID } from '../repositories/repository-handlers.js';
import type { Repository, RepositoryStore, SnapshotIndexData } from '../repositories/repository-store.js';
import { completedState, type ShardFailure, type SnapshotRecord } from './snapshot-record.js';

export interface CreateOptions {
  name: string;
  indices: string[];
  includeGlobalState: boolean;
  metadata?: Record<string, unknown>;
  featureStates: Array<{ feature_name: string; indices: string[] }>;
}

interface Running {
  repository: string;
  location: string;
  record: SnapshotRecord;
  data: SnapshotIndexData[];
  outcome?: SnapshotOutcome;
  timer?: NodeJS.Timeout;
  waiters: Array<(record: SnapshotRecord) => void>;
}

interface PersistedRunning {
  repository: string;
  location: string;
  record: SnapshotRecord;
}

export const INTERRUPTED_REASON = 'Snapshot was interrupted by a node restart';
export const ABORTED_REASON = 'Snapshot was aborted by deletion';
export const FAULT_REASON = '[sandbox fault injection] snapshot failed';
const FAULT_SHARD_REASON =
  'IndexShardSnapshotFailedException[sandbox fault injection: shard snapshot failed]';

/**
 * Runs snapshots: captures index data at start, completes after min + docs × per-doc ms of wall
 * time (or as injected faults say), then writes data and the SnapshotInfo into the repository
 * folder. In-progress snapshots are listed in `<data>/snapshots-in-progress.json` so a restart can
 * fail them.
 */
export class SnapshotEngine {
  private running: Running[] = [];
  private readonly file: string;

  constructor(
    private readonly config: SandboxConfig,
    private readonly indices: IndexStore,
    private readonly repositories: RepositoryStore,
    private readonly faults: FaultStore,
  ) {
    this.file = join(config.dataDir, 'snapshots-in-progress.json');
  }

  /** Snapshots that were running when the process stopped become FAILED (node restart). */
  load(): void {
    const interrupted = readJsonFile<PersistedRunning[]>(this.file) ?? [];
    for (const entry of interrupted) {
      if (!existsSync(join(entry.location, 'index.json'))) continue;
      const record = entry.record;
      const failures: ShardFailure[] = record.indices.flatMap((index) =>
        Array.from({ length: record.indexDetails[index]?.shardCount ?? 1 }, (_, shard) => ({
          index,
          index_uuid: index,
          shard_id: shard,
          reason: 'node shutdown',
          node_id: NODE_ID,
          status: 'INTERNAL_SERVER_ERROR',
        })),
      );
      this.appendToRepository(entry.location, {
        ...record,
        state: 'FAILED',
        reason: INTERRUPTED_REASON,
        endTime: Date.now(),
        successfulShards: 0,
        failures,
      });
    }
    this.persist();
  }

  reset(): void {
    for (const run of this.running) clearTimeout(run.timer);
    this.running = [];
    this.persist();
  }

  runningCount(): number {
    return this.running.length;
  }

  runningIn(repository: string): SnapshotRecord[] {
    return this.running.filter((r) => r.repository === repository).map((r) => r.record);
  }

  allRunning(): Array<{ repository: string; record: SnapshotRecord }> {
    return this.running.map((r) => ({ repository: r.repository, record: r.record }));
  }

  isRepositoryInUse(repository: string): boolean {
    return this.running.some((r) => r.repository === repository);
  }

  isIndexBeingSnapshotted(index: string): boolean {
    return this.running.some((r) => r.record.indices.includes(index));
  }

  /** Completed snapshots of a repository, read from its folder. */
  completed(repository: Repository): SnapshotRecord[] {
    return this.repositories.readData(repository).snapshots;
  }

  /** Starts a snapshot; the promise settles when it completes (or is aborted). */
  start(repository: Repository, options: CreateOptions): Promise<SnapshotRecord> {
    const version = versionOf(this.config.flavor);
    const captured = options.indices.map((name) => this.indices.require(name));
    const data = captured.map(capture);
    const docs = captured.reduce((sum, i) => sum + i.docs.size, 0);
    const record: SnapshotRecord = {
      name: options.name,
      uuid: newUuid(),
      indices: options.indices,
      dataStreams: [],
      includeGlobalState: options.includeGlobalState,
      metadata: options.metadata,
      featureStates: options.featureStates,
      state: 'IN_PROGRESS',
      reason: null,
      startTime: Date.now(),
      endTime: 0,
      totalShards: captured.reduce((sum, i) => sum + shardCount(i), 0),
      successfulShards: 0,
      failures: [],
      versionId: version.snapshotVersionId,
      version: version.number,
      indexDetails: Object.fromEntries(
        captured.map((i, n) => [
          i.name,
          { shardCount: shardCount(i), sizeInBytes: Buffer.byteLength(toJson(data[n])) },
        ]),
      ),
    };
    const run: Running = {
      repository: repository.name,
      location: this.repositories.locationOf(repository),
      record,
      data,
      outcome: this.faults.takeSnapshotOutcome(repository.name, options.name),
      waiters: [],
    };
    this.running.push(run);
    this.persist();
    const done = new Promise<SnapshotRecord>((resolve) => run.waiters.push(resolve));
    if (run.outcome !== 'HANG') {
      const duration = this.config.snapshotMinMs + docs * this.config.snapshotMsPerDoc;
      run.timer = setTimeout(() => this.finish(run), duration);
    }
    return done;
  }

  /** Aborts a running snapshot (delete of an in-progress snapshot): it is gone afterwards. */
  abort(repository: string, name: string): void {
    const run = this.running.find((r) => r.repository === repository && r.record.name === name);
    if (!run) return;
    clearTimeout(run.timer);
    this.running = this.running.filter((r) => r !== run);
    this.persist();
    const aborted: SnapshotRecord = {
      ...run.record,
      state: 'FAILED',
      reason: ABORTED_REASON,
      endTime: Date.now(),
    };
    run.waiters.forEach((w) => w(aborted));
  }

  /** Removes completed snapshots from a repository, data included. */
  deleteCompleted(repository: Repository, uuids: Set<string>): void {
    const data = this.repositories.readData(repository);
    data.snapshots = data.snapshots.filter((s) => !uuids.has(s.uuid));
    this.repositories.writeData(repository, data);
    for (const uuid of uuids) this.repositories.removeSnapshotData(repository, uuid);
  }

  /** Clones (part of) a completed snapshot under a new name; synchronous like ES's clone API. */
  clone(repository: Repository, source: SnapshotRecord, target: string, indices: string[]): void {
    const data = this.repositories
      .readSnapshotData(repository, source.uuid)
      .filter((d) => indices.includes(d.name));
    const now = Date.now();
    const shards = indices.reduce((sum, i) => sum + (source.indexDetails[i]?.shardCount ?? 1), 0);
    const record: SnapshotRecord = {
      ...source,
      name: target,
      uuid: newUuid(),
      indices,
      state: 'SUCCESS',
      reason: null,
      startTime: now,
      endTime: now,
      totalShards: shards,
      successfulShards: shards,
      failures: [],
      indexDetails: Object.fromEntries(
        indices.map((i) => [i, source.indexDetails[i] ?? { shardCount: 1, sizeInBytes: 0 }]),
      ),
    };
    const location = this.repositories.locationOf(repository);
    this.repositories.writeSnapshotData(location, record.uuid, data);
    this.appendToRepository(location, record);
  }

  private finish(run: Running): void {
    if (!this.running.includes(run)) return;
    const record = { ...run.record, endTime: Date.now() };
    const shards = shardList(record);
    let failedShards: Array<{ index: string; shard: number }> = [];
    if (run.outcome === 'FAILED') {
      record.reason = FAULT_REASON;
      failedShards = shards;
    } else if (run.outcome === 'PARTIAL') {
      failedShards = shards.slice(0, 1);
    }
    record.failures = failedShards.map((s) => ({
      index: s.index,
      index_uuid: this.indices.get(s.index)?.uuid ?? s.index,
      shard_id: s.shard,
      reason: FAULT_SHARD_REASON,
      node_id: NODE_ID,
      status: 'INTERNAL_SERVER_ERROR',
    }));
    record.successfulShards = record.totalShards - failedShards.length;
    record.state = completedState(record.reason, record.failures);
    if (record.state !== 'FAILED') {
      const failedIndices = new Set(failedShards.map((s) => s.index));
      this.repositories.writeSnapshotData(
        run.location,
        record.uuid,
        run.data.filter((d) => !failedIndices.has(d.name)),
      );
    }
    this.appendToRepository(run.location, record);
    this.running = this.running.filter((r) => r !== run);
    this.persist();
    run.waiters.forEach((w) => w(record));
  }

  private appendToRepository(location: string, record: SnapshotRecord): void {
    const current = this.repositories.readDataAt(location) ?? { uuid: newUuid(), snapshots: [] };
    const data = {
      ...current,
      snapshots: [...current.snapshots.filter((s) => s.name !== record.name), record],
    };
    this.repositories.writeDataAt(location, data);
  }

  private persist(): void {
    const entries: PersistedRunning[] = this.running.map((r) => ({
      repository: r.repository,
      location: r.location,
      record: r.record,
    }));
    writeJsonAtomic(this.file, entries);
  }
}

function capture(index: IndexState): SnapshotIndexData {
  return {
    name: index.name,
    settings: { ...index.settings },
    mappings: index.mappings,
    aliases: index.aliases,
    docs: [...index.docs.entries()].map(([id, doc]) => [id, doc.source]),
  };
}

function shardList(record: SnapshotRecord): Array<{ index: string; shard: number }> {
  return record.indices.flatMap((index) =>
    Array.from({ length: record.indexDetails[index]?.shardCount ?? 1 }, (_, shard) => ({ index, shard })),
  );
}

export function concurrencyLimitError(
  repository: string,
  name: string,
  running: number,
  limit: number,
): EsError {
  return new EsError(
    503,
    'concurrent_snapshot_execution_exception',
    `[${repository}:${name}] Cannot start another operation, already running [${running}] operations and the current limit for concurrent snapshot operations is set to [${limit}]`,
  );
}
