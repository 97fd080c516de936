import type { Client } from '@opensearch-project/opensearch';
import type { CreateSnapshotBody } from '../create-snapshot-body.js';
import type { DatastoreError } from '../datastore-error.js';
import type { RestoreSnapshotBody } from '../restore-snapshot-body.js';
import type { CreateSnapshotRequest, RestoreSnapshotRequest } from '../snapshot-datastore.js';
import { type RootInfo, SnapshotDatastoreBase, type SnapshotsQuery } from '../snapshot-datastore-base.js';
import { OpenSearchErrorMapper } from './opensearch-error-mapper.js';

/**
 * `SnapshotDatastore` on OpenSearch 2.x through `@opensearch-project/opensearch` 3.x, which answers
 * `{ body, statusCode }` and wants snake_case parameters. OpenSearch knows no `feature_states`
 * (the shared body leaves it out), and its GET snapshots takes only `verbose` and
 * `ignore_unavailable`: no size or sort parameters, any other one is a 400.
 */
export class OpenSearchDatastore extends SnapshotDatastoreBase {
  readonly flavor = 'opensearch' as const;

  constructor(
    private readonly client: Client,
    private readonly errors: OpenSearchErrorMapper = new OpenSearchErrorMapper(),
  ) {
    super();
  }

  protected async fetchInfo(): Promise<RootInfo> {
    return (await this.client.info()).body;
  }

  protected async fetchHealthStatus(): Promise<string> {
    return String((await this.client.cluster.health()).body.status);
  }

  protected async fetchIndexRows(patterns: readonly string[]): Promise<unknown[]> {
    const response = await this.client.cat.indices({
      index: patterns.join(','),
      format: 'json',
      expand_wildcards: 'all',
    });
    return response.body as unknown[];
  }

  protected async fetchRepositories(repository: string): Promise<object> {
    return (await this.client.snapshot.getRepository({ repository })).body;
  }

  protected sendCreateSnapshot(request: CreateSnapshotRequest, body: CreateSnapshotBody): Promise<unknown> {
    return this.client.snapshot.create({
      repository: request.repository,
      snapshot: request.snapshot,
      wait_for_completion: false,
      body,
    });
  }

  protected async fetchSnapshots(
    repository: string,
    patterns: readonly string[],
    query: SnapshotsQuery,
  ): Promise<unknown[]> {
    const response = await this.client.snapshot.get({
      repository,
      snapshot: patterns.join(','),
      ...query,
    });
    return response.body.snapshots ?? [];
  }

  protected async fetchSnapshotStatus(repository: string, names: readonly string[]): Promise<unknown[]> {
    const response = await this.client.snapshot.status({
      repository,
      snapshot: names.join(','),
      ignore_unavailable: true,
    });
    return response.body.snapshots ?? [];
  }

  protected sendDeleteSnapshots(repository: string, names: readonly string[]): Promise<unknown> {
    return this.client.snapshot.delete({ repository, snapshot: names.join(',') });
  }

  protected sendRestore(request: RestoreSnapshotRequest, body: RestoreSnapshotBody): Promise<unknown> {
    return this.client.snapshot.restore({
      repository: request.repository,
      snapshot: request.snapshot,
      wait_for_completion: request.waitForCompletion ?? false,
      body,
    });
  }

  protected async fetchRecovery(indices: readonly string[]): Promise<Record<string, unknown>> {
    return (await this.client.indices.recovery({ index: indices.join(',') })).body;
  }

  protected sendDeleteIndices(names: readonly string[]): Promise<unknown> {
    return this.client.indices.delete({ index: names.join(',') });
  }

  protected async fetchCount(index: string): Promise<number> {
    return Number((await this.client.count({ index })).body.count);
  }

  protected closeClient(): Promise<void> {
    return this.client.close();
  }

  protected mapError(operation: string, error: unknown): DatastoreError {
    return this.errors.map(operation, error);
  }
}
