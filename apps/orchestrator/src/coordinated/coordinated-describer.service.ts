import { COORDINATED_QUEUE } from '../jobs/queue-names.js';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { SnapshotDatastore } from '@app/datastore';
import type { Queue } from 'bullmq';
import { BackupCatalog } from '../backup/backup-catalog.service.js';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { ZEEBE_CLIENT } from '../zeebe/zeebe-client.provider.js';
import type { ZeebeManagementClient } from '../zeebe/zeebe-management-client.js';
import { type CoordinatedRecord, zeebeRecordsSnapshotName } from './coordinated-record.js';
import {
  type CoordinatedState,
  type StepState,
  stepAsState,
  stepStateOf,
  worstState,
} from './coordinated-state.js';
import { type StepJobData, type StepName, type StepResult, stepJobId, stepsOf } from './coordinated-steps.js';
import { CoordinatedStore } from './coordinated-store.js';

export interface StepView {
  step: StepName;
  state: StepState;
  reason: string | null;
}

export interface ComponentView {
  state: CoordinatedState | 'PENDING' | 'SKIPPED';
  failureReason: string | null;
  /** When its first snapshot started and (once final) its last one ended, when the datastore said. */
  startedAt?: string | null;
  finishedAt?: string | null;
  [detail: string]: unknown;
}

/** One coordinated backup as GET /api/v1/backups/{id} shows it. */
export interface CoordinatedBackupView {
  backupId: bigint;
  state: CoordinatedState;
  failureReason: string | null;
  /** Every step has run (the overall state can be FAILED before the flow has finished). */
  finished: boolean;
  trigger: CoordinatedRecord['trigger'];
  acceptedAt: string;
  zeebe: { included: true } | { included: false; reason: string | null };
  components: Record<string, ComponentView>;
  steps: StepView[];
}

/**
 * What GET /api/v1/backups/{id} shows: the overall state (worst of components and steps), each
 * component's state and details (the datastore's truth, through the component services), each step.
 */
@Injectable()
export class CoordinatedDescriber {
  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeManagementClient | null,
    @Inject(BackupCatalog) private readonly catalog: BackupCatalog,
    @Inject(CoordinatedStore) private readonly store: CoordinatedStore,
    @InjectQueue(COORDINATED_QUEUE) private readonly queue: Queue<StepJobData, StepResult>,
  ) {}

  async describe(record: CoordinatedRecord): Promise<CoordinatedBackupView> {
    const backupId = BigInt(record.backupId);
    const steps = await this.steps(record);
    const stepOf = (name: StepName): StepView | undefined => steps.find((s) => s.step === name);
    const components: Record<string, ComponentView> = {};
    for (const name of record.components) {
      const view = await this.catalog.getBackup(this.config.components[name], backupId);
      components[name] = view
        ? {
            state: view.state,
            failureReason: view.failureReason,
            startedAt: isoOf(view.firstStartMillis),
            finishedAt: view.state === 'IN_PROGRESS' ? null : isoOf(view.lastEndMillis),
            details: view.details,
          }
        : fromStep(stepOf(name));
    }
    if (record.zeebe)
      components.zeebe = await this.zeebeView(backupId, stepOf('zeebe-records'), stepOf('zeebe-backup'));

    const aborted = await this.store.abortReason(backupId);
    const states: CoordinatedState[] = steps.map((s) => stepAsState(s.state));
    for (const view of Object.values(components)) {
      if (view.state !== 'PENDING' && view.state !== 'SKIPPED') states.push(view.state);
    }
    if (aborted) states.push('FAILED');
    const state = worstState(states);
    const failureReason =
      state === 'COMPLETED' || state === 'IN_PROGRESS'
        ? null
        : (aborted ??
          steps.find((s) => s.state === 'FAILED')?.reason ??
          Object.entries(components)
            .filter(([, view]) => view.failureReason)
            .map(([name, view]) => `${name}: ${view.failureReason}`)[0] ??
          null);
    return {
      backupId,
      state,
      failureReason,
      finished: steps.every((s) => s.state === 'COMPLETED' || s.state === 'FAILED' || s.state === 'SKIPPED'),
      trigger: record.trigger,
      acceptedAt: new Date(record.acceptedAt).toISOString(),
      zeebe: record.zeebe
        ? { included: true }
        : { included: false, reason: record.zeebeSkippedReason ?? null },
      components,
      steps,
    };
  }

  private async steps(record: CoordinatedRecord): Promise<StepView[]> {
    const views: StepView[] = [];
    for (const step of stepsOf(record)) {
      const job = await this.queue.getJob(stepJobId(record.backupId, step));
      const jobState = job ? await job.getState() : 'unknown';
      const state = stepStateOf(jobState, job?.returnvalue?.outcome);
      const reason =
        state === 'FAILED'
          ? (job?.failedReason ?? null)
          : state === 'SKIPPED'
            ? (job?.returnvalue?.reason ?? null)
            : null;
      views.push({ step, state, reason });
    }
    return views;
  }

  private async zeebeView(
    backupId: bigint,
    recordsStep: StepView | undefined,
    backupStep: StepView | undefined,
  ): Promise<ComponentView> {
    const repository = this.config.coordination.zeebeRecordsRepository;
    const name = zeebeRecordsSnapshotName(backupId);
    const [snapshot] = repository ? await this.datastore.getSnapshots(repository, [name]) : [];
    const broker = this.zeebe ? await this.zeebe.getBackup(backupId) : undefined;
    const recordsState: ComponentView['state'] = snapshot
      ? snapshotState(snapshot.state)
      : fromStep(recordsStep).state;
    const brokerState: ComponentView['state'] = broker
      ? brokerBackupState(broker.state)
      : fromStep(backupStep).state;
    const state = combine([recordsState, brokerState]);
    const failureReason =
      (snapshot && snapshot.state !== 'SUCCESS' && snapshot.state !== 'IN_PROGRESS'
        ? (snapshot.reason ?? `${name} is ${snapshot.state}`)
        : null) ??
      broker?.failureReason ??
      recordsStep?.reason ??
      backupStep?.reason ??
      null;
    return {
      state,
      failureReason: state === 'COMPLETED' ? null : failureReason,
      startedAt: isoOf(snapshot?.startTimeMillis),
      finishedAt: state === 'IN_PROGRESS' || state === 'PENDING' ? null : isoOf(snapshot?.endTimeMillis),
      recordsSnapshot: { repository: repository ?? null, snapshotName: name, state: snapshot?.state ?? null },
      brokerBackup: broker
        ? { state: broker.state, failureReason: broker.failureReason ?? null, partitions: broker.details }
        : null,
    };
  }
}

/** One state for the Zeebe part (records snapshot + broker backup). */
function combine(parts: Array<ComponentView['state']>): ComponentView['state'] {
  const known = parts.filter((s): s is CoordinatedState => s !== 'PENDING' && s !== 'SKIPPED');
  const worst = worstState(known);
  if (worst !== 'COMPLETED') return worst;
  if (parts.every((s) => s === 'COMPLETED')) return 'COMPLETED';
  if (parts.every((s) => s === 'SKIPPED')) return 'SKIPPED';
  return known.length > 0 ? 'IN_PROGRESS' : 'PENDING';
}

function isoOf(millis: number | undefined): string | null {
  return millis === undefined || millis <= 0 ? null : new Date(millis).toISOString();
}

function fromStep(step: StepView | undefined): ComponentView {
  if (!step) return { state: 'PENDING', failureReason: null };
  if (step.state === 'FAILED') return { state: 'FAILED', failureReason: step.reason };
  if (step.state === 'SKIPPED') return { state: 'SKIPPED', failureReason: step.reason };
  if (step.state === 'IN_PROGRESS') return { state: 'IN_PROGRESS', failureReason: null };
  return { state: 'PENDING', failureReason: null };
}

function snapshotState(state: string): CoordinatedState {
  if (state === 'SUCCESS') return 'COMPLETED';
  if (state === 'IN_PROGRESS') return 'IN_PROGRESS';
  if (state === 'INCOMPATIBLE') return 'INCOMPATIBLE';
  return 'FAILED';
}

function brokerBackupState(state: string): CoordinatedState {
  if (state === 'COMPLETED') return 'COMPLETED';
  if (state === 'IN_PROGRESS') return 'IN_PROGRESS';
  // DELETED (8.9+): a partition's backup is gone, so the backup cannot be restored as a whole.
  if (state === 'INCOMPLETE' || state === 'DELETED') return 'INCOMPLETE';
  return 'FAILED';
}
