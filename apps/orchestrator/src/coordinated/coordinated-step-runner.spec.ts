import { Logger } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import type { Job } from 'bullmq';
import { BackupAcceptance } from '../backup/backup-acceptance.service.js';
import { BackupCatalog } from '../backup/backup-catalog.service.js';
import { BackupEvents } from '../backup/backup-events.js';
import type { BackupQueues } from '../backup/backup-queues.js';
import { BackupRunner } from '../backup/backup-runner.service.js';
import type { CancellationMarks } from '../backup/cancellation-marks.js';
import { readOrchestratorConfig } from '../core/config/orchestrator-config.js';
import { FakeBackupQueues } from '../testing/fake-backup-queues.js';
import { InMemoryDatastore } from '../testing/in-memory-datastore.js';
import { MemoryCache } from '../testing/memory-details-cache.js';
import type { ZeebeBackupInfo } from '../zeebe/zeebe-backup-info.js';
import type { ZeebeManagementClient } from '../zeebe/zeebe-management-client.js';
import { CoordinatedStepRunner } from './coordinated-step-runner.service.js';
import type { StepJobData, StepName, StepResult } from './coordinated-steps.js';
import type { CoordinatedStore } from './coordinated-store.js';

/** Zeebe's management API in memory: what was called, in order, and the backups it holds. */
class FakeZeebe {
  readonly calls: string[] = [];
  readonly backups = new Map<bigint, ZeebeBackupInfo>();
  async pauseExporting(): Promise<void> {
    this.calls.push('pause');
  }
  async resumeExporting(): Promise<void> {
    this.calls.push('resume');
  }
  async takeBackup(backupId: bigint): Promise<'accepted' | 'conflict'> {
    this.calls.push(`backup ${backupId}`);
    this.backups.set(backupId, { backupId, state: 'COMPLETED', details: [] });
    return 'accepted';
  }
  async getBackup(backupId: bigint): Promise<ZeebeBackupInfo | undefined> {
    return this.backups.get(backupId);
  }
}

function setUp() {
  const { config } = readOrchestratorConfig({
    HOST: '127.0.0.1',
    BACKUP_REPOSITORY_NAME: 'backups',
    BACKUP_POLL_MAX_INTERVAL_MS: '1',
    ZEEBE_MANAGEMENT_URL: 'http://zeebe:9600',
  });
  const datastore = new InMemoryDatastore(1);
  datastore.repositories.add('backups');
  for (const index of ['optimize-import-index_v3', 'optimize-report_v8', 'zeebe-record_job_8.8.0_']) {
    datastore.indices.add(index);
  }
  const queues = new FakeBackupQueues();
  const marks = { isCancelled: async () => false } as unknown as CancellationMarks;
  const store = datastore as unknown as SnapshotDatastore;
  const asQueues = queues as unknown as BackupQueues;
  const events = new BackupEvents();
  const zeebe = new FakeZeebe();
  const paused: string[] = [];
  const coordinatedStore = {
    abortReason: async () => undefined,
    claimPause: async (id: bigint) => void paused.push(`claim ${id}`),
    releasePause: async (id: bigint) => void paused.push(`release ${id}`),
    get: async () => undefined,
  } as unknown as CoordinatedStore;
  const catalog = new BackupCatalog(store, asQueues, config!, new MemoryCache());
  const acceptance = new BackupAcceptance(store, asQueues);
  const backupRunner = new BackupRunner(config!, store, marks, events);
  const steps = new CoordinatedStepRunner(
    config!,
    store,
    zeebe as unknown as ZeebeManagementClient,
    acceptance,
    asQueues,
    catalog,
    coordinatedStore,
    events,
    // The flow's pause step is not in a queue here: components do not wait for it.
    { getJob: async () => undefined },
  );
  return { datastore, queues, zeebe, paused, steps, backupRunner };
}

/** A step job of the flow: `failed` are the earlier steps' failures, `skipped` their skip reasons. */
function stepJob(step: StepName, failed: string[] = [], root = false): Job<StepJobData, StepResult> {
  return {
    data: { backupId: '77', step },
    parentKey: root ? undefined : 'parent',
    opts: { attempts: 1 },
    attemptsMade: 0,
    getIgnoredChildrenFailures: async () => Object.fromEntries(failed.map((f, i) => [`child${i}`, f])),
    getChildrenValues: async () => ({}),
  } as unknown as Job<StepJobData, StepResult>;
}

beforeAll(() => {
  Logger.overrideLogger(false);
});

describe('coordinated steps over in-memory datastore and Zeebe', () => {
  it('pauses, backs up a component through its own job, snapshots the records, backs up Zeebe and resumes', async () => {
    const s = setUp();
    expect(await s.steps.run(stepJob('pause-exporting'))).toEqual({ outcome: 'done' });
    // The component step waits for the component's own job: run it as the backup worker would.
    const step = s.steps.run(stepJob('optimize'));
    await vi.waitFor(() => s.queues.job('optimize', 77n));
    const job = s.queues.job('optimize', 77n);
    job.state = 'active';
    await s.backupRunner.run(job as never);
    job.state = 'completed';
    expect(await step).toEqual({ outcome: 'done' });
    expect(await s.steps.run(stepJob('zeebe-records'))).toEqual({ outcome: 'done' });
    expect(await s.steps.run(stepJob('zeebe-backup'))).toEqual({ outcome: 'done' });
    expect(await s.steps.run(stepJob('resume-exporting', [], true))).toEqual({ outcome: 'done' });

    expect(s.zeebe.calls).toEqual(['pause', 'backup 77', 'resume']);
    expect(s.paused).toEqual(['claim 77', 'release 77']);
    expect(s.datastore.snapshotNames('backups')).toEqual([
      'camunda_optimize_77_8.8.0_part_1_of_2',
      'camunda_optimize_77_8.8.0_part_2_of_2',
      'camunda_zeebe_records_backup_77',
    ]);
  });

  it('skips the steps after a failure but always resumes exporting', async () => {
    const s = setUp();
    const failure = 'optimize: the optimize backup 77 ended FAILED';
    expect(await s.steps.run(stepJob('zeebe-records', [failure]))).toEqual({
      outcome: 'skipped',
      reason: `an earlier step failed: ${failure}`,
    });
    expect(await s.steps.run(stepJob('resume-exporting', [failure]))).toEqual({ outcome: 'done' });
    expect(s.zeebe.calls).toEqual(['resume']);
    expect(s.datastore.snapshotNames('backups')).toEqual([]);
  });
});
