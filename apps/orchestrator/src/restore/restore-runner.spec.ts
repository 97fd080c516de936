import { BackupEvents } from '../backup/backup-events.js';
import { Logger } from '@nestjs/common';
import {
  DatastoreError,
  type IndexRecovery,
  type IndexSummary,
  type RestoreSnapshotRequest,
  type SnapshotDatastore,
  type SnapshotSummary,
} from '@app/datastore';
import type { Job } from 'bullmq';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import type { RestoreJobData, RestoreProgress } from './restore-job.js';
import { RestoreRunner } from './restore-runner.service.js';

/** The daemon dying at a chosen call. */
class Crash extends Error {}

interface FakeIndex {
  docs: number;
  /** Set for a restored index: the snapshot and how many recovery reads it still takes. */
  restore?: { snapshot: string; readsLeft: number };
}

/**
 * An in-memory datastore: restores create their indices at once and recover over a few reads of
 * `_recovery` (counting is refused meanwhile, as on a red index); `failAt` makes one call fail,
 * before or after it took effect.
 */
class FakeDatastore implements Partial<SnapshotDatastore> {
  readonly flavor = 'elasticsearch' as const;
  readonly indices = new Map<string, FakeIndex>();
  /** Calls that changed something, in order: "restore <snapshot>", "delete <index>". */
  readonly changes: string[] = [];
  private readonly failures: Array<{ call: string; when: 'before' | 'after'; error: Error }> = [];

  constructor(readonly snapshots: Record<string, Record<string, number>>) {}

  failAt(
    call: string,
    when: 'before' | 'after',
    error: Error = new Crash(`killed at ${when} ${call}`),
  ): void {
    this.failures.push({ call, when, error });
  }

  /** Failures set up but not reached yet. */
  get unusedFailures(): number {
    return this.failures.length;
  }

  private hook(call: string, when: 'before' | 'after'): void {
    const at = this.failures.findIndex((f) => f.call === call && f.when === when);
    if (at >= 0) throw this.failures.splice(at, 1)[0]!.error;
  }

  async listIndices(names: string[]): Promise<IndexSummary[]> {
    return names
      .filter((n) => this.indices.has(n))
      .map((name) => ({ name, docsCount: this.indices.get(name)!.docs }));
  }

  async getSnapshots(_repository: string, names: string[]): Promise<SnapshotSummary[]> {
    return names
      .filter((name) => this.snapshots[name])
      .map((name) => ({ name, state: 'SUCCESS', indices: Object.keys(this.snapshots[name]!), failures: [] }));
  }

  async restoreSnapshot(request: RestoreSnapshotRequest): Promise<void> {
    const call = `restore ${request.snapshot}`;
    this.hook(call, 'before');
    const contents = this.snapshots[request.snapshot]!;
    const existing = Object.keys(contents).filter((index) => this.indices.has(index));
    if (existing.length > 0) throw new DatastoreError('restore_refused', `open index ${existing[0]} exists`);
    if (request.waitForCompletion !== false) throw new Error('a restore must not block until it completes');
    for (const [index, docs] of Object.entries(contents)) {
      this.indices.set(index, { docs, restore: { snapshot: request.snapshot, readsLeft: 2 } });
    }
    this.changes.push(call);
    this.hook(call, 'after');
  }

  async getRecovery(names: string[]): Promise<IndexRecovery[]> {
    this.hook(`recovery ${names.join(',')}`, 'before');
    return names
      .filter((name) => this.indices.has(name))
      .map((name) => {
        const { restore } = this.indices.get(name)!;
        const stage = restore && restore.readsLeft > 0 ? 'INDEX' : 'DONE';
        if (restore && restore.readsLeft > 0) restore.readsLeft--;
        return {
          index: name,
          primaryShards: 1,
          primaries: [
            restore
              ? {
                  shard: 0,
                  type: 'SNAPSHOT',
                  stage,
                  source: { repository: 'backups', snapshot: restore.snapshot },
                  totalBytes: 10,
                  recoveredBytes: stage === 'DONE' ? 10 : 5,
                }
              : { shard: 0, type: 'EMPTY_STORE', stage: 'DONE', totalBytes: 0, recoveredBytes: 0 },
          ],
        };
      });
  }

  async deleteIndices(names: string[]): Promise<void> {
    for (const name of names) {
      this.hook(`delete ${name}`, 'before');
      if (!this.indices.has(name)) throw new DatastoreError('index_missing', `no such index [${name}]`);
      this.indices.delete(name);
      this.changes.push(`delete ${name}`);
    }
  }

  async countDocuments(names: string[]): Promise<number> {
    this.hook(`count ${names.join(',')}`, 'before');
    let total = 0;
    for (const name of names) {
      const index = this.indices.get(name);
      if (!index) throw new DatastoreError('index_missing', `no such index [${name}]`);
      if (index.restore && index.restore.readsLeft > 0)
        throw new DatastoreError('unavailable', 'all shards failed');
      total += index.docs;
    }
    return total;
  }
}

const SNAPSHOTS = {
  'optimize-part-1': { 'optimize-a': 3, 'optimize-b': 4 },
  'optimize-part-2': { 'optimize-c': 5 },
  'tasklist-part-1': { 'tasklist-a': 6 },
};

const CONFIG = {
  restoreTimeoutMs: 10_000,
  pollMaxIntervalMs: 10,
  datastoreOutageToleranceMs: 5_000,
  redisOutageToleranceMs: 5_000,
} as OrchestratorConfig;

/** A BullMQ job reduced to what the runner uses; its progress survives a crash as in Redis. */
function fakeJob(indicesToDelete: string[]): Job<RestoreJobData, RestoreProgress> {
  const job = {
    data: {
      backupId: '5',
      components: ['optimize', 'tasklist'],
      steps: Object.keys(SNAPSHOTS).map((snapshot) => ({
        component: snapshot.startsWith('optimize') ? 'optimize' : 'tasklist',
        repository: 'backups',
        snapshot,
      })),
      indicesToDelete,
      acceptedAt: Date.now(),
    } as RestoreJobData,
    progress: 0 as unknown,
    async updateProgress(progress: unknown) {
      job.progress = JSON.parse(JSON.stringify(progress));
    },
  };
  return job as unknown as Job<RestoreJobData, RestoreProgress>;
}

/** Existing indices (of an older state) that the restore deletes first. */
function datastoreWithExistingIndices(): FakeDatastore {
  const datastore = new FakeDatastore(SNAPSHOTS);
  for (const name of ['optimize-a', 'optimize-c', 'tasklist-a', 'tasklist-old']) {
    datastore.indices.set(name, { docs: 100 });
  }
  return datastore;
}

const EXISTING = ['optimize-a', 'optimize-c', 'tasklist-a', 'tasklist-old'];
const DELETES = EXISTING.map((name) => `delete ${name}`);
const RESTORES = Object.keys(SNAPSHOTS).map((name) => `restore ${name}`);

function runner(datastore: FakeDatastore): RestoreRunner {
  return new RestoreRunner(CONFIG, datastore as unknown as SnapshotDatastore, new BackupEvents());
}

function expectRestoredAsInTheSnapshots(datastore: FakeDatastore, progress: RestoreProgress): void {
  expect(progress.restored).toEqual([
    { snapshot: 'optimize-part-1', indices: ['optimize-a', 'optimize-b'], documents: 7 },
    { snapshot: 'optimize-part-2', indices: ['optimize-c'], documents: 5 },
    { snapshot: 'tasklist-part-1', indices: ['tasklist-a'], documents: 6 },
  ]);
  expect(progress.current).toBeUndefined();
  expect([...datastore.indices.keys()].sort()).toEqual([
    'optimize-a',
    'optimize-b',
    'optimize-c',
    'tasklist-a',
  ]);
}

describe('RestoreRunner', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'warn', 'error']));

  it('deletes the existing indices, then starts each snapshot once and follows it until its primaries are DONE', async () => {
    const datastore = datastoreWithExistingIndices();
    const job = fakeJob(EXISTING);
    const progress = await runner(datastore).run(job);
    expect(datastore.changes).toEqual([...DELETES, ...RESTORES]);
    expectRestoredAsInTheSnapshots(datastore, progress);
    expect(progress).toMatchObject({ deletedIndices: 4, existingDeleted: true });
    expect(job.progress).toEqual(progress);
  });

  it.each([
    ['right after sending _restore', 'restore optimize-part-2', 'after'],
    ['while following the recovery', 'recovery optimize-c', 'before'],
    ['before counting the documents of a finished restore', 'count optimize-c', 'before'],
    ['before the _restore left the daemon', 'restore optimize-part-2', 'before'],
  ] as const)(
    'resumes a restore killed %s: nothing restored twice, nothing restored deleted',
    async (_, call, when) => {
      const datastore = datastoreWithExistingIndices();
      datastore.failAt(call, when);
      const job = fakeJob(EXISTING);
      await expect(runner(datastore).run(job)).rejects.toBeInstanceOf(Crash);
      expect((job.progress as RestoreProgress).current).toBe('optimize-part-2');

      const progress = await runner(datastore).run(job);
      expect(datastore.changes).toEqual([...DELETES, ...RESTORES]);
      expectRestoredAsInTheSnapshots(datastore, progress);
    },
  );

  it('resumes a restore killed mid-deletion by deleting the rest, before restoring anything', async () => {
    const datastore = datastoreWithExistingIndices();
    datastore.failAt('delete tasklist-a', 'before');
    const job = fakeJob(EXISTING);
    await expect(runner(datastore).run(job)).rejects.toBeInstanceOf(Crash);
    expect(datastore.changes).toEqual(DELETES.slice(0, 2));
    expect(job.progress).toBe(0);

    const progress = await runner(datastore).run(job);
    expect(datastore.changes).toEqual([...DELETES, ...RESTORES]);
    expectRestoredAsInTheSnapshots(datastore, progress);
  });

  it('follows instead of sending again when the answer to _restore was lost', async () => {
    const datastore = datastoreWithExistingIndices();
    datastore.failAt('restore optimize-part-1', 'after', new DatastoreError('unreachable', 'socket hang up'));
    const progress = await runner(datastore).run(fakeJob(EXISTING));
    expect(datastore.unusedFailures).toBe(0);
    expect(datastore.changes).toEqual([...DELETES, ...RESTORES]);
    expectRestoredAsInTheSnapshots(datastore, progress);
  });

  it('waits out a datastore outage while following', async () => {
    const datastore = datastoreWithExistingIndices();
    datastore.failAt(
      'recovery tasklist-a',
      'before',
      new DatastoreError('unavailable', '503 Service Unavailable'),
    );
    const progress = await runner(datastore).run(fakeJob(EXISTING));
    expect(datastore.unusedFailures).toBe(0);
    expect(datastore.changes).toEqual([...DELETES, ...RESTORES]);
    expectRestoredAsInTheSnapshots(datastore, progress);
  });

  it('refuses, naming it, a snapshot whose index was created empty after the deletion', async () => {
    const datastore = datastoreWithExistingIndices();
    datastore.failAt('restore optimize-part-1', 'before', new Crash('killed'));
    const job = fakeJob(EXISTING);
    await expect(runner(datastore).run(job)).rejects.toBeInstanceOf(Crash);
    // An application still running writes into a deleted index, creating it anew.
    datastore.indices.set('optimize-b', { docs: 1 });
    await expect(runner(datastore).run(job)).rejects.toThrow(
      /Cannot restore optimize-part-1: optimize-a missing while optimize-b exist; optimize-b exists, recovered from EMPTY_STORE/,
    );
    expect(datastore.changes).toEqual(DELETES);
  });

  it('refuses saved progress it cannot read instead of starting over', async () => {
    const datastore = datastoreWithExistingIndices();
    const job = fakeJob(EXISTING);
    job.progress = { restored: 'x' };
    await expect(runner(datastore).run(job)).rejects.toThrow(/saved progress of the restore is unreadable/);
    expect(datastore.changes).toEqual([]);
  });
});
