import type {
  CreateSnapshotRequest,
  DatastoreInfo,
  IndexRecovery,
  IndexSummary,
  RestoreSnapshotRequest,
  SnapshotDatastore,
  SnapshotSummary,
} from '@app/datastore';
import { DatastoreError } from '@app/datastore';

/** Elasticsearch's list semantics for names: comma lists, `*` wildcards, `-x` exclusions. */
function matches(name: string, patterns: readonly string[]): boolean {
  let selected = false;
  for (const pattern of patterns) {
    const exclude = pattern.startsWith('-');
    const glob = new RegExp(`^${(exclude ? pattern.slice(1) : pattern).split('*').map(escape).join('.*')}$`);
    if (glob.test(name)) selected = !exclude;
  }
  return selected;
}

function escape(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

interface StoredSnapshot extends SnapshotSummary {
  /** Reads left before a running snapshot finishes. */
  readsLeft: number;
  finalState: SnapshotSummary['state'];
}

/**
 * A SnapshotDatastore in memory, for service-level specs: snapshots run for `readsToFinish` reads,
 * then end in the state `outcomes` gives their name (SUCCESS otherwise). Every call is recorded.
 */
export class InMemoryDatastore implements SnapshotDatastore {
  readonly flavor = 'elasticsearch' as const;
  readonly calls: string[] = [];
  readonly indices = new Set<string>();
  readonly repositories = new Set<string>();
  readonly outcomes = new Map<string, SnapshotSummary['state']>();
  private readonly snapshots = new Map<string, Map<string, StoredSnapshot>>();
  private clock = 1_700_000_000_000;

  constructor(private readonly readsToFinish = 1) {}

  async info(): Promise<DatastoreInfo> {
    return { flavor: 'elasticsearch', version: '8.19.3' };
  }

  async clusterHealth(): Promise<string> {
    return 'green';
  }

  async listIndices(patterns: string[]): Promise<IndexSummary[]> {
    return [...this.indices]
      .filter((name) => matches(name, patterns))
      .sort()
      .map((name) => ({ name }));
  }

  async assertRepositoryExists(repository: string): Promise<void> {
    if (!this.repositories.has(repository)) {
      throw new DatastoreError('repository_missing', `[${repository}] missing`);
    }
  }

  async createSnapshot(request: CreateSnapshotRequest): Promise<void> {
    this.calls.push(`create ${request.snapshot}`);
    const repository = this.repository(request.repository);
    if (repository.has(request.snapshot)) {
      throw new DatastoreError('duplicate_snapshot', `[${request.snapshot}] already exists`);
    }
    repository.set(request.snapshot, {
      name: request.snapshot,
      uuid: `uuid-${request.snapshot}`,
      state: 'IN_PROGRESS',
      indices: [...this.indices].filter((name) => matches(name, request.indices)),
      startTimeMillis: (this.clock += 1000),
      failures: [],
      metadata: request.metadata,
      readsLeft: this.readsToFinish,
      finalState: this.outcomes.get(request.snapshot) ?? 'SUCCESS',
    });
  }

  async getSnapshots(repository: string, patterns: string[]): Promise<SnapshotSummary[]> {
    const found = [...this.repository(repository).values()].filter((s) => matches(s.name, patterns));
    for (const snapshot of found) {
      if (snapshot.state === 'IN_PROGRESS' && --snapshot.readsLeft < 0) {
        snapshot.state = snapshot.finalState;
        snapshot.endTimeMillis = this.clock += 1000;
        if (snapshot.state !== 'SUCCESS')
          snapshot.reason = `${snapshot.name} ended ${snapshot.state} on purpose`;
      }
    }
    return found.map(({ readsLeft: _readsLeft, finalState: _finalState, ...summary }) => ({ ...summary }));
  }

  /** Every existing snapshot weighs 1,000 bytes per index it holds. */
  async snapshotSizes(repository: string, names: string[]): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    for (const name of names) {
      const snapshot = this.repository(repository).get(name);
      if (snapshot) sizes.set(name, 1000 * (snapshot.indices?.length ?? 1));
    }
    return sizes;
  }

  async deleteSnapshots(repository: string, names: string[]): Promise<void> {
    for (const name of names) {
      this.calls.push(`delete ${name}`);
      this.repository(repository).delete(name);
    }
  }

  async restoreSnapshot(request: RestoreSnapshotRequest): Promise<void> {
    this.calls.push(`restore ${request.snapshot}`);
  }

  async getRecovery(): Promise<IndexRecovery[]> {
    return [];
  }

  async deleteIndices(names: string[]): Promise<void> {
    for (const name of names) this.indices.delete(name);
  }

  async countDocuments(): Promise<number> {
    return 0;
  }

  async close(): Promise<void> {}

  snapshotNames(repository: string): string[] {
    return [...this.repository(repository).keys()];
  }

  private repository(name: string): Map<string, StoredSnapshot> {
    if (!this.repositories.has(name)) throw new DatastoreError('repository_missing', `[${name}] missing`);
    let snapshots = this.snapshots.get(name);
    if (!snapshots) this.snapshots.set(name, (snapshots = new Map()));
    return snapshots;
  }
}
