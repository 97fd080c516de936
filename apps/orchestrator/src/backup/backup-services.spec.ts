import { Logger } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import { readOrchestratorConfig } from '../core/config/orchestrator-config.js';
import { DomainError } from '../core/errors/domain-error.js';
import { InMemoryDatastore } from '../testing/in-memory-datastore.js';
import { FakeBackupQueues } from '../testing/fake-backup-queues.js';
import { MemoryCache } from '../testing/memory-details-cache.js';
import { BackupAcceptance } from './backup-acceptance.service.js';
import { BackupCatalog } from './backup-catalog.service.js';
import { BackupDeletion } from './backup-deletion.service.js';
import { BackupEvents } from './backup-events.js';
import type { BackupQueues } from './backup-queues.js';
import { BackupRunner } from './backup-runner.service.js';
import type { CancellationMarks } from './cancellation-marks.js';

const OPERATE_INDICES = [
  'operate-import-position-8.3.0_',
  'operate-list-view-8.3.0_',
  'operate-list-view-8.3.0_2024-01-01',
  'operate-variable-8.3.0_',
  'operate-process-8.3.0_',
];

/**
 * The backup services wired as in the daemon, over an in-memory datastore and queue: acceptance,
 * the runner, the catalog and deletion, without Redis or processes (the e2e suites cover those).
 */
function setUp(options: { env?: Record<string, string> } = {}) {
  const { config } = readOrchestratorConfig({
    HOST: '127.0.0.1',
    BACKUP_REPOSITORY_NAME: 'backups',
    BACKUP_POLL_MAX_INTERVAL_MS: '1',
    ...options.env,
  });
  const datastore = new InMemoryDatastore(1);
  datastore.repositories.add('backups');
  for (const index of OPERATE_INDICES) datastore.indices.add(index);
  const queues = new FakeBackupQueues();
  const cancelled = new Set<string>();
  const marks = {
    isCancelled: async (job: { id: string }) => cancelled.has(job.id),
    mark: async (job: { id: string }) => void cancelled.add(job.id),
    clear: async (job: { id: string }) => void cancelled.delete(job.id),
  } as unknown as CancellationMarks;
  const store = datastore as unknown as SnapshotDatastore;
  const asQueues = queues as unknown as BackupQueues;
  const events = new BackupEvents();
  const finished: string[] = [];
  events.on('backup.finished', (event) =>
    finished.push(`${event.component} ${event.backupId} ${event.outcome}`),
  );
  return {
    config: config!,
    datastore,
    queues,
    finished,
    acceptance: new BackupAcceptance(store, asQueues),
    runner: new BackupRunner(config!, store, marks, events),
    catalog: new BackupCatalog(store, asQueues, config!, new MemoryCache()),
    deletion: new BackupDeletion(store, asQueues, marks),
  };
}

beforeAll(() => {
  Logger.overrideLogger(false);
});

describe('backup services over an in-memory datastore', () => {
  it('accepts a backup, runs its six parts in order and reads it COMPLETED', async () => {
    const s = setUp();
    const operate = s.config.components.operate;
    const names = await s.acceptance.createBackup(operate, 42n);
    expect(names).toEqual([1, 2, 3, 4, 5, 6].map((n) => `camunda_operate_42_8.8.0_part_${n}_of_6`));
    expect((await s.catalog.getBackup(operate, 42n))?.state).toBe('IN_PROGRESS');

    const job = s.queues.job('operate', 42n);
    job.state = 'active';
    await s.runner.run(job as never);
    job.state = 'completed';
    expect(s.datastore.calls.filter((c) => c.startsWith('create'))).toEqual(names.map((n) => `create ${n}`));
    const view = await s.catalog.getBackup(operate, 42n);
    expect(view).toMatchObject({ backupId: 42n, state: 'COMPLETED', failureReason: null });
    expect(view!.details.map((d) => d.snapshotName)).toEqual(names);
    expect(s.finished).toEqual(['operate 42 COMPLETED']);
    // The plan was fixed in the job: dated copies only through their pattern pair.
    expect(job.data.plan![2]).toEqual(['operate-list-view-8.3.0_*', '-operate-list-view-8.3.0_']);
  });

  it('refuses a duplicate ID, a missing repository and an unconfigured one, changing nothing', async () => {
    const s = setUp();
    const optimize = s.config.components.optimize;
    await s.acceptance.createBackup(optimize, 7n);
    await expect(s.acceptance.createBackup(optimize, 7n)).rejects.toMatchObject({ kind: 'duplicate_backup' });
    const missing = { ...optimize, repository: 'nope' };
    await expect(s.acceptance.createBackup(missing, 8n)).rejects.toMatchObject({
      kind: 'repository_missing',
    });
    const unconfigured = { ...optimize, repository: undefined };
    await expect(s.acceptance.createBackup(unconfigured, 8n)).rejects.toBeInstanceOf(DomainError);
    expect(s.queues.jobs.size).toBe(1);
  });

  it('stops at the first part that fails, creates no later part and reads FAILED with the reason', async () => {
    const s = setUp();
    const tasklist = s.config.components.tasklist;
    s.datastore.outcomes.set('camunda_tasklist_9_8.8.0_part_2_of_6', 'PARTIAL');
    await s.acceptance.createBackup(tasklist, 9n);
    const job = s.queues.job('tasklist', 9n);
    job.state = 'active';
    await expect(s.runner.run(job as never)).rejects.toThrow(
      /Part 2 of 6 .* ended PARTIAL.*later parts were not created/,
    );
    job.state = 'failed';
    expect(s.datastore.calls.filter((c) => c.startsWith('create'))).toHaveLength(2);
    const view = await s.catalog.getBackup(tasklist, 9n);
    expect(view?.state).toBe('FAILED');
    expect(view?.failureReason).toMatch(/camunda_tasklist_9_8.8.0_part_2_of_6 is PARTIAL/);
    expect(s.finished).toEqual(['tasklist 9 FAILED']);
  });

  it('resumes a job that already created parts without creating any twice', async () => {
    const s = setUp();
    const operate = s.config.components.operate;
    await s.acceptance.createBackup(operate, 11n);
    const job = s.queues.job('operate', 11n);
    job.state = 'active';
    await s.runner.run(job as never);
    // A second run (a stalled job picked up again) follows the existing parts.
    await s.runner.run(job as never);
    expect(s.datastore.calls.filter((c) => c.startsWith('create'))).toHaveLength(6);
  });

  it('lists newest first and deletes exactly one backup', async () => {
    const s = setUp();
    const optimize = s.config.components.optimize;
    for (const id of [3n, 30n, 4n]) {
      await s.acceptance.createBackup(optimize, id);
      const job = s.queues.job('optimize', id);
      await s.runner.run(job as never);
      job.state = 'completed';
    }
    expect((await s.catalog.listBackups(optimize)).map((b) => b.backupId)).toEqual([30n, 4n, 3n]);
    expect(await s.deletion.deleteBackup(optimize, 3n)).toBe(true);
    expect((await s.catalog.listBackups(optimize)).map((b) => b.backupId)).toEqual([30n, 4n]);
    expect(s.datastore.snapshotNames('backups').filter((n) => n.startsWith('camunda_optimize_3_'))).toEqual(
      [],
    );
    expect(await s.deletion.deleteBackup(optimize, 5n)).toBe(false);
  });

  it('plans a web-apps backup at acceptance and refuses one whose required index is missing', async () => {
    const s = setUp({
      env: { CAMUNDA_TOPOLOGY: 'orchestration-cluster', DASHBOARD_ALLOW_UNAUTHENTICATED: 'true' },
    });
    const webapps = s.config.components.webapps;
    await expect(s.acceptance.createBackup(webapps, 1n)).rejects.toThrow(/required indices are missing/);
    expect(s.queues.jobs.size).toBe(0);
    expect(s.datastore.calls).toEqual([]);
  });
});
