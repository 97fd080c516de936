import {
  type CreateSnapshotRequest,
  type DatastoreInfo,
  DatastoreError,
  type IndexRecovery,
  type IndexSummary,
  type RestoreSnapshotRequest,
  type SnapshotDatastore,
  type SnapshotListingOptions,
  type SnapshotSummary,
} from '@app/datastore';
import type { DatastoreErrorsCounter } from './datastore-errors.counter.js';

/** A SnapshotDatastore that counts every DatastoreError by operation and kind, then rethrows it unchanged. */
export class InstrumentedDatastore implements SnapshotDatastore {
  constructor(
    private readonly inner: SnapshotDatastore,
    private readonly errors: DatastoreErrorsCounter,
  ) {}

  get flavor(): SnapshotDatastore['flavor'] {
    return this.inner.flavor;
  }

  info(): Promise<DatastoreInfo> {
    return this.counted('info', () => this.inner.info());
  }

  clusterHealth(): Promise<string> {
    return this.counted('clusterHealth', () => this.inner.clusterHealth());
  }

  listIndices(patterns: string[]): Promise<IndexSummary[]> {
    return this.counted('listIndices', () => this.inner.listIndices(patterns));
  }

  assertRepositoryExists(repository: string): Promise<void> {
    return this.counted('assertRepositoryExists', () => this.inner.assertRepositoryExists(repository));
  }

  createSnapshot(request: CreateSnapshotRequest): Promise<void> {
    return this.counted('createSnapshot', () => this.inner.createSnapshot(request));
  }

  getSnapshots(
    repository: string,
    patterns: string[],
    options?: SnapshotListingOptions,
  ): Promise<SnapshotSummary[]> {
    return this.counted('getSnapshots', () => this.inner.getSnapshots(repository, patterns, options));
  }

  snapshotSizes(repository: string, names: string[]): Promise<Map<string, number>> {
    return this.counted('snapshotSizes', () => this.inner.snapshotSizes(repository, names));
  }

  deleteSnapshots(repository: string, names: string[]): Promise<void> {
    return this.counted('deleteSnapshots', () => this.inner.deleteSnapshots(repository, names));
  }

  restoreSnapshot(request: RestoreSnapshotRequest): Promise<void> {
    return this.counted('restoreSnapshot', () => this.inner.restoreSnapshot(request));
  }

  getRecovery(indices: string[]): Promise<IndexRecovery[]> {
    return this.counted('getRecovery', () => this.inner.getRecovery(indices));
  }

  deleteIndices(names: string[]): Promise<void> {
    return this.counted('deleteIndices', () => this.inner.deleteIndices(names));
  }

  countDocuments(indices: string[]): Promise<number> {
    return this.counted('countDocuments', () => this.inner.countDocuments(indices));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async counted<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DatastoreError) this.errors.inc({ operation, kind: error.kind });
      throw error;
    }
  }
}
