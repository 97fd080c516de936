import { MemoryCache } from '../testing/memory-details-cache.js';
import * as fc from 'fast-check';
import {
  type SnapshotDatastore,
  type SnapshotListingOptions,
  type SnapshotSummary,
  stringifyJson,
} from '@app/datastore';
import {
  deriveBackupState,
  formatStartTime,
  groupSnapshotsByBackup,
  PART_COUNT,
  snapshotName,
  type SnapshotState,
} from '@app/snapshot-planning';
import type { ComponentSettings, OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { operateTasklistContract } from '../component-api/component-contract.js';
import { BackupCatalog } from './backup-catalog.service.js';
import { parsePattern } from './backup-list-options.js';
import type { BackupQueues } from './backup-queues.js';
import type { BackupView } from './backup-view.js';
import { SnapshotDetailsCache } from './snapshot-details-cache.js';
import { RecentSnapshotDetails } from './snapshot-details-reader.js';

const REPOSITORY = 'repo';
const PARTS = PART_COUNT.operate;

interface StoredSnapshot {
  name: string;
  uuid: string;
  state: SnapshotState;
  start: number;
  end: number | undefined;
  reason: string | undefined;
  failures: string[];
}

/**
 * An in-memory repository answering `getSnapshots` the way the adapters do: `verbose: false` gives
 * name, uuid and state only; a verbose state-only read gives the state fields. Counts what it read.
 */
class FakeDatastore {
  readonly snapshots = new Map<string, StoredSnapshot>();
  detailedNames: string[] = [];
  verboseReads = 0;

  getSnapshots(repository: string, patterns: string[], options: SnapshotListingOptions = {}) {
    if (repository !== REPOSITORY) throw new Error(`unexpected repository ${repository}`);
    const matches = (name: string) =>
      patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
    const found = [...this.snapshots.values()].filter((s) => matches(s.name));
    if (options.verbose !== false) {
      this.verboseReads++;
      this.detailedNames.push(...found.map((s) => s.name));
    }
    // The datastore's order is not the catalog's: shuffle-proof by reversing insertion order.
    return Promise.resolve(found.toReversed().map((s) => summaryOf(s, options.verbose !== false)));
  }
}

function summaryOf(s: StoredSnapshot, verbose: boolean): SnapshotSummary {
  return {
    name: s.name,
    uuid: s.uuid,
    state: s.state,
    indices: undefined,
    startTimeMillis: verbose ? s.start : undefined,
    endTimeMillis: verbose ? s.end : undefined,
    reason: verbose ? s.reason : undefined,
    failures: verbose
      ? s.failures.map((reason) => ({
          index: undefined,
          shardId: undefined,
          reason,
          status: undefined,
          nodeId: undefined,
        }))
      : [],
    metadata: undefined,
  };
}

const component = { name: 'operate', repository: REPOSITORY, partCount: PARTS } as ComponentSettings;
const config = { incompleteGraceMs: 60_000 } as OrchestratorConfig;
const noJobs = {
  listLiveJobs: () => Promise.resolve([]),
  findLiveJob: () => Promise.resolve(undefined),
} as unknown as BackupQueues;
const silentLogger = { warn: () => undefined };

/** `recentLimit`: size of the in-process memo in front of the cache (small: the cache itself is exercised). */
function catalogOf(datastore: FakeDatastore, cache: SnapshotDetailsCache, recentLimit = 6000): BackupCatalog {
  const catalog = new BackupCatalog(datastore as unknown as SnapshotDatastore, noJobs, config, cache);
  Object.assign(catalog, { logger: silentLogger, recentDetails: new RecentSnapshotDetails(recentLimit) });
  return catalog;
}

/** What one verbose read of every snapshot yields, built independently of the catalog's code. */
async function verboseReference(datastore: FakeDatastore, idPrefix = ''): Promise<BackupView[]> {
  const snapshots = await datastore.getSnapshots(REPOSITORY, [`camunda_operate_${idPrefix}*`], {
    stateOnly: true,
  });
  return groupSnapshotsByBackup('operate', snapshots).map(({ backupId, parts }) => {
    const derived = deriveBackupState({
      expectedParts: parts[0]!.parsed.partCount,
      pending: false,
      parts: parts.map((p) => ({
        name: p.name,
        partNo: p.parsed.partNo,
        partCount: p.parsed.partCount,
        state: p.state,
        startTimeMillis: p.startTimeMillis,
        reason: p.reason,
        failures: p.failures.map((f) => f.reason),
      })),
    });
    return {
      backupId,
      state: derived.state,
      failureReason: derived.failureReason,
      details: parts.map((p) => ({
        snapshotName: p.name,
        state: p.state,
        startTime: p.startTimeMillis === undefined ? null : formatStartTime(p.startTimeMillis),
        failures: p.failures.map((f) => f.reason),
      })),
    };
  });
}

const contract = operateTasklistContract();
const rendered = (views: readonly BackupView[]) => stringifyJson(views.map((v) => contract.render(v)));

const nameOf = (id: bigint, part: number) =>
  snapshotName({ component: 'operate', backupId: id, version: '8.7.1', partNo: part, partCount: PARTS });

const BACKUP_IDS = [1n, 2n, 3n, 12n, 123n, 9007199254740993n];

type Operation =
  | { kind: 'start'; id: bigint; part: number }
  | { kind: 'finish'; id: bigint; part: number; outcome: 'SUCCESS' | 'FAILED' | 'PARTIAL'; failures: number }
  | { kind: 'delete'; id: bigint }
  | { kind: 'list'; cacheDown: boolean; prefix: string };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('start' as const),
    id: fc.constantFrom(...BACKUP_IDS),
    part: fc.integer({ min: 1, max: PARTS }),
  }),
  fc.record({
    kind: fc.constant('finish' as const),
    id: fc.constantFrom(...BACKUP_IDS),
    part: fc.integer({ min: 1, max: PARTS }),
    outcome: fc.constantFrom('SUCCESS' as const, 'SUCCESS' as const, 'FAILED' as const, 'PARTIAL' as const),
    failures: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom(...BACKUP_IDS) }),
  fc.record({
    kind: fc.constant('list' as const),
    cacheDown: fc.boolean(),
    prefix: fc.constantFrom('', '', '1', '12', '9'),
  }),
);

function finishedDetails(uuid: string, state: SnapshotState = 'SUCCESS'): SnapshotSummary {
  return { name: `n-${uuid}`, uuid, state, failures: [] };
}

describe('BackupCatalog with the snapshot-details cache', () => {
  it('answers exactly what a verbose read gives, through deletions, re-creations, running and failed parts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 8 }),
        async (operations, recentLimit) => {
          const datastore = new FakeDatastore();
          const cache = new MemoryCache();
          const catalog = catalogOf(datastore, cache, recentLimit);
          let clock = 1_700_000_000_000;
          let uuids = 0;
          const answers: string[] = [];
          const verboseReads: string[] = [];

          for (const op of [...operations, { kind: 'list' as const, cacheDown: false, prefix: '' }]) {
            clock += 1000;
            if (op.kind === 'start') {
              const name = nameOf(op.id, op.part);
              if (datastore.snapshots.get(name)?.state === 'IN_PROGRESS') continue;
              // A finished one under this name is deleted first: the same name comes back with a new uuid.
              datastore.snapshots.delete(name);
              datastore.snapshots.set(name, {
                name,
                uuid: `uuid-${++uuids}`,
                state: 'IN_PROGRESS',
                start: clock,
                end: undefined,
                reason: undefined,
                failures: [],
              });
            } else if (op.kind === 'finish') {
              const stored = datastore.snapshots.get(nameOf(op.id, op.part));
              if (stored?.state !== 'IN_PROGRESS') continue;
              stored.state = op.outcome;
              stored.end = clock;
              stored.reason = op.outcome === 'FAILED' ? `failed at ${clock}` : undefined;
              stored.failures =
                op.outcome === 'SUCCESS'
                  ? []
                  : Array.from({ length: op.failures }, (_, i) => `shard ${i} of ${stored.uuid} failed`);
            } else if (op.kind === 'delete') {
              for (const name of datastore.snapshots.keys()) {
                if (name.startsWith(`camunda_operate_${op.id}_`)) datastore.snapshots.delete(name);
              }
            } else {
              cache.down = op.cacheDown;
              const ids = parsePattern(op.prefix === '' ? undefined : `${op.prefix}*`);
              const expected = (await verboseReference(datastore)).filter((v) =>
                v.backupId.toString().startsWith(op.prefix),
              );
              answers.push(rendered(await catalog.listBackups(component, { verbose: true, ids })));
              verboseReads.push(rendered(expected));
              for (const view of expected) {
                answers.push(rendered([(await catalog.getBackup(component, view.backupId))!]));
                verboseReads.push(rendered([view]));
              }
              cache.down = false;
            }
          }
          expect(answers).toEqual(verboseReads);
          // Bounded: after a full list only snapshots still in the repository (and finished) are cached.
          const present = new Set([...datastore.snapshots.values()].map((s) => s.uuid));
          for (const entry of cache.entries.values()) expect(present.has(entry.uuid!)).toBe(true);
          // Warm: a second list reads details of unfinished snapshots only.
          datastore.detailedNames = [];
          await catalog.listBackups(component);
          const unfinished = [...datastore.snapshots.values()].filter((s) => s.state === 'IN_PROGRESS');
          expect(datastore.detailedNames.sort()).toEqual(unfinished.map((s) => s.name).sort());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never answers a re-created snapshot from the old one’s entry', async () => {
    const datastore = new FakeDatastore();
    const cache = new MemoryCache();
    const catalog = catalogOf(datastore, cache);
    const names = Array.from({ length: PARTS }, (_, i) =>
      snapshotName({ component: 'operate', backupId: 7n, version: '8.7.1', partNo: i + 1, partCount: PARTS }),
    );
    for (const name of names) {
      datastore.snapshots.set(name, {
        name,
        uuid: `old-${name}`,
        state: 'SUCCESS',
        start: 1000,
        end: 2000,
        reason: undefined,
        failures: [],
      });
    }
    expect((await catalog.getBackup(component, 7n))?.state).toBe('COMPLETED');
    datastore.snapshots.set(names[0]!, {
      name: names[0]!,
      uuid: 'new',
      state: 'FAILED',
      start: 5000,
      end: 6000,
      reason: 'disk full',
      failures: [],
    });
    const view = await catalog.getBackup(component, 7n);
    expect(view?.state).toBe('FAILED');
    expect(view?.failureReason).toContain('disk full');
    expect(view?.details[0]?.startTime).toBe(formatStartTime(5000));
  });

  it('keeps at most its limit of recent details in the process, least recently used dropped', () => {
    const recent = new RecentSnapshotDetails(2);
    recent.set(REPOSITORY, 'operate', finishedDetails('a'));
    recent.set(REPOSITORY, 'operate', finishedDetails('b'));
    recent.set(REPOSITORY, 'operate', finishedDetails('running', 'IN_PROGRESS'));
    expect(recent.get(REPOSITORY, 'operate', 'a')?.name).toBe('n-a');
    recent.set(REPOSITORY, 'operate', finishedDetails('c'));
    expect(recent.size).toBe(2);
    expect(recent.get(REPOSITORY, 'operate', 'b')).toBeUndefined();
    expect(recent.get(REPOSITORY, 'operate', 'running')).toBeUndefined();
    expect(recent.get(REPOSITORY, 'tasklist', 'a')).toBeUndefined();
    expect(recent.get('other', 'operate', 'a')).toBeUndefined();
  });

  it('lists without details when not verbose: correct states, null start times and failures', async () => {
    const datastore = new FakeDatastore();
    const catalog = catalogOf(datastore, new MemoryCache());
    for (let part = 1; part <= PARTS; part++) {
      const name = snapshotName({
        component: 'operate',
        backupId: 3n,
        version: '8.7.1',
        partNo: part,
        partCount: PARTS,
      });
      datastore.snapshots.set(name, {
        name,
        uuid: `u${part}`,
        state: 'SUCCESS',
        start: 1000,
        end: 2000,
        reason: undefined,
        failures: [],
      });
    }
    const [view] = await catalog.listBackups(component, { verbose: false, ids: { kind: 'all' } });
    expect(view?.state).toBe('COMPLETED');
    expect(
      view?.details.every((d) => d.startTime === null && d.failures === null && d.state === 'SUCCESS'),
    ).toBe(true);
    expect(datastore.verboseReads).toBe(0);
  });
});
