import type { Client } from '@elastic/elasticsearch';
import type { CreateSnapshotBody } from '../create-snapshot-body.js';
import type { DatastoreError } from '../datastore-error.js';
import type { RestoreSnapshotBody } from '../restore-snapshot-body.js';
import type { CreateSnapshotRequest, RestoreSnapshotRequest } from '../snapshot-datastore.js';
import { type RootInfo, SnapshotDatastoreBase, type SnapshotsQuery } from '../snapshot-datastore-base.js';
import { ElasticsearchErrorMapper } from './elasticsearch-error-mapper.js';

/** `SnapshotDatastore` on Elasticsearch 8.x through `@elastic/elasticsearch` 8.19 (which returns bodies). */
export class ElasticsearchDatastore extends SnapshotDatastoreBase {
  readonly flavor = 'elasticsearch' as const;

  constructor(
    private readonly client: Client,
    private readonly errors: ElasticsearchErrorMapper = new ElasticsearchErrorMapper(),
  ) {
    super();
  }

  protected fetchInfo(): Promise<RootInfo> {
    return this.client.info();
  }

  protected async fetchHealthStatus(): Promise<string> {
    return String((await this.client.cluster.health()).status);
  }

  protected async fetchIndexRows(patterns: readonly string[]): Promise<unknown[]> {
    return this.client.cat.indices({ index: [...patterns], format: 'json', expand_wildcards: 'all' });
  }

  protected fetchRepositories(repository: string): Promise<object> {
    return this.client.snapshot.getRepository({ name: repository });
  }

  protected sendCreateSnapshot(request: CreateSnapshotRequest, body: CreateSnapshotBody): Promise<unknown> {
    return this.client.snapshot.create({
      repository: request.repository,
      snapshot: request.snapshot,
      wait_for_completion: false,
      ...body,
    });
  }

  protected async fetchSnapshots(
    repository: string,
    patterns: readonly string[],
    query: SnapshotsQuery,
  ): Promise<unknown[]> {
    // No `size`: Elasticsearch then returns every match in one answer.
    const body = await this.client.snapshot.get({
      repository,
      snapshot: [...patterns],
      ...query,
    });
    return body.snapshots ?? [];
  }

  protected async fetchSnapshotStatus(repository: string, names: readonly string[]): Promise<unknown[]> {
    const body = await this.client.snapshot.status({
      repository,
      snapshot: [...names],
      ignore_unavailable: true,
    });
    return body.snapshots ?? [];
  }

  protected sendDeleteSnapshots(repository: string, names: readonly string[]): Promise<unknown> {
    return this.client.snapshot.delete({ repository, snapshot: names.join(',') });
  }

  protected sendRestore(request: RestoreSnapshotRequest, body: RestoreSnapshotBody): Promise<unknown> {
    return this.client.snapshot.restore({
      repository: request.repository,
      snapshot: request.snapshot,
      wait_for_completion: request.waitForCompletion ?? false,
      ...body,
    });
  }

  protected async fetchRecovery(indices: readonly string[]): Promise<Record<string, unknown>> {
    return this.client.indices.recovery({ index: [...indices] });
  }

  protected sendDeleteIndices(names: readonly string[]): Promise<unknown> {
    return this.client.indices.delete({ index: [...names] });
  }

  protected async fetchCount(index: string): Promise<number> {
    return Number((await this.client.count({ index })).count);
  }

  protected closeClient(): Promise<void> {
    return this.client.close();
  }

  protected mapError(operation: string, error: unknown): DatastoreError {
    return this.errors.map(operation, error);
  }
}
