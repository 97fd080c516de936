import { createSnapshotBody, type CreateSnapshotBody } from './create-snapshot-body.js';
import { DatastoreError } from './datastore-error.js';
import { assertExactNames } from './exact-names.js';
import { toIndexRecovery, toPrimaryShardCount } from './index-recovery.js';
import { byName, toIndexSummary } from './index-summary.js';
import { joinedOrEach } from './joined-or-each.js';
import { operationNames as op } from './operation-names.js';
import { restoreSnapshotBody, type RestoreSnapshotBody } from './restore-snapshot-body.js';
import type {
  CreateSnapshotRequest,
  DatastoreFlavor,
  DatastoreInfo,
  IndexRecovery,
  IndexSummary,
  RestoreSnapshotRequest,
  SnapshotDatastore,
  SnapshotListingOptions,
  SnapshotSummary,
} from './snapshot-datastore.js';
import { toSnapshotSummary } from './snapshot-summary.js';

/** Query parameters of `GET _snapshot/{repository}/{patterns}` beyond the defaults. */
export interface SnapshotsQuery {
  verbose?: false;
  filter_path?: string;
}

/**
 * The fields `SnapshotListingOptions.stateOnly` keeps. Error answers are never filtered by the
 * datastore, so failures still carry their type and reason.
 */
const STATE_FIELDS_FILTER_PATH = [
  'snapshots.snapshot',
  'snapshots.uuid',
  'snapshots.state',
  'snapshots.start_time_in_millis',
  'snapshots.end_time_in_millis',
  'snapshots.reason',
  'snapshots.failures.reason',
].join(',');

/** `GET /` as both flavours answer it. */
export interface RootInfo {
  cluster_name?: string;
  version: { number: string; distribution?: string };
}

/**
 * The semantics of `SnapshotDatastore`, the same for both flavours: refusals, "nothing matched" as [],
 * exact-name guards and error mapping. A flavour supplies only the raw calls of its client.
 */
export abstract class SnapshotDatastoreBase implements SnapshotDatastore {
  abstract readonly flavor: DatastoreFlavor;

  protected abstract fetchInfo(): Promise<RootInfo>;
  protected abstract fetchHealthStatus(): Promise<string>;
  /** `_cat/indices/{patterns}?format=json&expand_wildcards=all` rows. */
  protected abstract fetchIndexRows(patterns: readonly string[]): Promise<unknown[]>;
  /** `GET _snapshot/{repository}`: repositories by name. */
  protected abstract fetchRepositories(repository: string): Promise<object>;
  protected abstract sendCreateSnapshot(
    request: CreateSnapshotRequest,
    body: CreateSnapshotBody,
  ): Promise<unknown>;
  /**
   * `GET _snapshot/{repository}/{patterns}` → `snapshots[]` (absent when a filter left nothing);
   * `verbose` is sent only when false, `filter_path` only when given.
   */
  protected abstract fetchSnapshots(
    repository: string,
    patterns: readonly string[],
    query: SnapshotsQuery,
  ): Promise<unknown[]>;
  /** `GET _snapshot/{repository}/{names}/_status?ignore_unavailable=true` → `snapshots[]`. */
  protected abstract fetchSnapshotStatus(repository: string, names: readonly string[]): Promise<unknown[]>;
  protected abstract sendDeleteSnapshots(repository: string, names: readonly string[]): Promise<unknown>;
  protected abstract sendRestore(
    request: RestoreSnapshotRequest,
    body: RestoreSnapshotBody,
  ): Promise<unknown>;
  /** `GET /{indices}/_recovery` → recoveries by index name. */
  protected abstract fetchRecovery(indices: readonly string[]): Promise<Record<string, unknown>>;
  protected abstract sendDeleteIndices(names: readonly string[]): Promise<unknown>;
  protected abstract fetchCount(index: string): Promise<number>;
  protected abstract closeClient(): Promise<void>;
  protected abstract mapError(operation: string, error: unknown): DatastoreError;

  async info(): Promise<DatastoreInfo> {
    const body = await this.call(op.info, () => this.fetchInfo());
    return {
      flavor: body.version.distribution === 'opensearch' ? 'opensearch' : 'elasticsearch',
      version: body.version.number,
      clusterName: body.cluster_name,
    };
  }

  async clusterHealth(): Promise<string> {
    return (await this.call(op.clusterHealth, () => this.fetchHealthStatus())).toLowerCase();
  }

  async listIndices(patterns: string[]): Promise<IndexSummary[]> {
    if (patterns.length === 0) return [];
    const found = await joinedOrEach(
      patterns,
      'index_missing',
      async (some) =>
        (await this.call(op.listIndices(some), () => this.fetchIndexRows(some))).map(toIndexSummary),
      (index) => index.name,
    );
    return found.sort(byName);
  }

  async assertRepositoryExists(repository: string): Promise<void> {
    const operation = op.checkRepository(repository);
    const repositories = await this.call(operation, () => this.fetchRepositories(repository));
    if (!Object.hasOwn(repositories, repository)) {
      throw new DatastoreError('repository_missing', `${operation} failed: [${repository}] missing`);
    }
  }

  async createSnapshot(request: CreateSnapshotRequest): Promise<void> {
    const body = createSnapshotBody(request, this.flavor);
    await this.call(op.createSnapshot(request.repository, request.snapshot), () =>
      this.sendCreateSnapshot(request, body),
    );
  }

  async getSnapshots(
    repository: string,
    patterns: string[],
    options: SnapshotListingOptions = {},
  ): Promise<SnapshotSummary[]> {
    const query: SnapshotsQuery = {
      ...(options.verbose === false ? { verbose: false } : {}),
      ...(options.stateOnly ? { filter_path: STATE_FIELDS_FILTER_PATH } : {}),
    };
    if (patterns.length === 0) return [];
    // Elasticsearch ≥ 8.16 answers 200 [] when nothing matches; older ones and OpenSearch answer 404.
    return joinedOrEach(
      patterns,
      'snapshot_missing',
      async (some) => {
        const operation = op.getSnapshots(repository, some);
        const entries = await this.call(operation, () => this.fetchSnapshots(repository, some, query));
        return entries.map(toSnapshotSummary);
      },
      (snapshot) => snapshot.name,
    );
  }

  async snapshotSizes(repository: string, names: string[]): Promise<Map<string, number>> {
    assertExactNames(op.snapshotStatus(repository, names), names);
    const sizes = new Map<string, number>();
    if (names.length === 0) return sizes;
    const entries = await this.call(op.snapshotStatus(repository, names), () =>
      this.fetchSnapshotStatus(repository, names),
    );
    for (const entry of entries as Array<{
      snapshot?: string;
      stats?: { total?: { size_in_bytes?: unknown } };
    }>) {
      const size = Number(entry.stats?.total?.size_in_bytes);
      if (typeof entry.snapshot === 'string' && Number.isFinite(size)) sizes.set(entry.snapshot, size);
    }
    return sizes;
  }

  async deleteSnapshots(repository: string, names: string[]): Promise<void> {
    assertExactNames(op.deleteSnapshots(repository, names), names);
    if (names.length === 0) return;
    // One missing exact name makes the datastore refuse the whole list; then delete one by one.
    await joinedOrEach(
      names,
      'snapshot_missing',
      async (some) => {
        await this.call(op.deleteSnapshots(repository, some), () =>
          this.sendDeleteSnapshots(repository, some),
        );
        return [];
      },
      String,
    );
  }

  async restoreSnapshot(request: RestoreSnapshotRequest): Promise<void> {
    const body = restoreSnapshotBody(request);
    await this.call(op.restoreSnapshot(request.repository, request.snapshot), () =>
      this.sendRestore(request, body),
    );
  }

  async getRecovery(indices: string[]): Promise<IndexRecovery[]> {
    assertExactNames(op.getRecovery(indices), indices);
    if (indices.length === 0) return [];
    // One missing index makes the datastore refuse a whole list (404): then each is asked alone.
    const existing = await joinedOrEach(
      indices,
      'index_missing',
      async (some) =>
        (await this.call(op.listIndices(some), () => this.fetchIndexRows(some))).map(toPrimaryShardCount),
      (row) => row.index,
    );
    if (existing.length === 0) return [];
    const shardCounts = new Map(existing.map((row) => [row.index, row.primaryShards]));
    // An index the recovery answer leaves out exists without an assigned primary.
    const found = await joinedOrEach(
      [...shardCounts.keys()],
      'index_missing',
      async (some) => {
        const body = await this.call(op.getRecovery(some), () => this.fetchRecovery(some));
        return some.map((index) => toIndexRecovery(index, shardCounts.get(index)!, body[index]));
      },
      (recovery) => recovery.index,
    );
    return found.sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
  }

  async deleteIndices(names: string[]): Promise<void> {
    assertExactNames(op.deleteIndices(names), names);
    if (names.length === 0) return;
    await this.call(op.deleteIndices(names), () => this.sendDeleteIndices(names));
  }

  async countDocuments(indices: string[]): Promise<number> {
    let total = 0;
    for (const index of indices) {
      total += await this.call(op.countDocuments(index), () => this.fetchCount(index));
    }
    return total;
  }

  async close(): Promise<void> {
    await this.closeClient();
  }

  private async call<T>(operation: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw this.mapError(operation, error);
    }
  }
}
