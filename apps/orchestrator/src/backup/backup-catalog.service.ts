import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SnapshotDatastore, SnapshotSummary } from '@app/datastore';
import {
  backupSnapshotPattern,
  compareBackupIdsNewestFirst,
  deriveBackupState,
  type BackupState,
  type DerivedBackupState,
  formatStartTime,
  groupSnapshotsByBackup,
  type ParsedAnySnapshotName,
} from '@app/snapshot-planning';
import { ORCHESTRATOR_CONFIG, SNAPSHOT_DATASTORE } from '../core/config/config.tokens.js';
import type { ComponentSettings, OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { DomainError } from '../core/errors/domain-error.js';
import { isPending } from '../jobs/queue-names.js';
import { type BackupJobStatus, BackupQueues } from './backup-queues.js';
import type { BackupView } from './backup-view.js';
import { requireRepository, translateRepositoryMissing } from './snapshot-repository.js';
import {
  type BackupListOptions,
  DEFAULT_LIST_OPTIONS,
  isSelected,
  snapshotPatternFor,
} from './backup-list-options.js';
import { SnapshotDetailsCache } from './snapshot-details-cache.js';
import { RecentSnapshotDetails, SnapshotDetailsReader } from './snapshot-details-reader.js';

type ParsedSnapshot = SnapshotSummary & { parsed: ParsedAnySnapshotName };

/** States no job can change: the parts alone settle them. */
const SETTLED_BY_PARTS: readonly BackupState[] = ['COMPLETED', 'FAILED', 'INCOMPATIBLE'];

/**
 * A list resolves and writes this many backups at a time (the next step's details are read while
 * the current one is written), so its memory beyond the name/uuid index does not grow with the
 * repository.
 */
const BACKUPS_PER_STEP = 100;

/** Finished snapshots' details kept in this process too (about 2 MiB): gets need no Redis round trip. */
const RECENT_DETAILS_LIMIT = 6000;
/**
 * Lists of up to this many snapshots consult those too; longer ones would only churn them (a full
 * list of a large repository touches every entry once) and go to the shared cache directly.
 */
const SMALL_LIST_SNAPSHOTS = 600;

/** The failures of an index entry (the cheap listing has none); shared, never modified. */
const NO_FAILURES: SnapshotSummary['failures'] = [];

/**
 * Reads backups: the datastore's snapshots are the truth about parts; the queue adds what only it
 * knows (queued or between parts → IN_PROGRESS; failed before or between parts → FAILED with reason).
 * Snapshots are listed cheaply (`verbose=false`: names, uuids, states from the repository index) and
 * their details come from the snapshot-details cache, or from the datastore by exact name for the
 * ones not cached or not finished: the answer equals that of a verbose read.
 */
@Injectable()
export class BackupCatalog {
  private readonly logger = new Logger(BackupCatalog.name);
  private readonly recentDetails = new RecentSnapshotDetails(RECENT_DETAILS_LIMIT);

  constructor(
    @Inject(SNAPSHOT_DATASTORE) private readonly datastore: SnapshotDatastore,
    @Inject(BackupQueues) private readonly queues: BackupQueues,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(SnapshotDetailsCache) private readonly detailsCache: SnapshotDetailsCache,
  ) {}

  /** undefined when neither a snapshot nor a live job of this backup exists. */
  async getBackup(component: ComponentSettings, backupId: bigint): Promise<BackupView | undefined> {
    const repository = requireRepository(component);
    const index = await this.readIndex(repository, backupSnapshotPattern(component.name, backupId));
    const listed = groupSnapshotsByBackup(component.name, index).find((b) => b.backupId === backupId)?.parts;
    const detailed = listed && (await this.detailsReader(repository, component, true).withDetails(listed));
    const parts = detailed?.length ? detailed : undefined;
    // Finished parts alone decide COMPLETED, FAILED and INCOMPATIBLE: no job can change those, so
    // Redis is asked only about backups the datastore cannot settle (most reads are of finished ones).
    if (parts) {
      const settled = this.derive(component, parts, undefined, false);
      if (SETTLED_BY_PARTS.includes(settled.state)) return this.view(backupId, parts, settled, true);
    }
    const jobs = await this.withoutRedisIfNeeded(async () => {
      const job = await this.queues.findLiveJob(component.name, backupId);
      return job ? [job] : [];
    });
    const job = jobs?.[0];
    if (!parts && !job) return undefined;
    return this.view(
      backupId,
      parts ?? [],
      this.stateOf(component, parts ?? [], job, jobs !== undefined),
      true,
    );
  }

  /**
   * Every backup of the component (or those `options.ids` selects), newest backup ID first. Callers
   * that write the list out should use `streamBackups`, which holds only a step of views at a time.
   */
  async listBackups(
    component: ComponentSettings,
    options: BackupListOptions = DEFAULT_LIST_OPTIONS,
  ): Promise<BackupView[]> {
    const views: BackupView[] = [];
    for await (const view of this.streamBackups(component, options)) views.push(view);
    return views;
  }

  /**
   * The same backups as `listBackups`, produced step by step. Errors of the first datastore and
   * Redis reads surface at the first `next()`, before anything is produced.
   */
  async *streamBackups(
    component: ComponentSettings,
    options: BackupListOptions = DEFAULT_LIST_OPTIONS,
  ): AsyncGenerator<BackupView> {
    const repository = requireRepository(component);
    const pattern = snapshotPatternFor(component.name, options.ids);
    const [index, liveJobs] = await Promise.all([
      pattern === undefined ? [] : this.readIndex(repository, pattern),
      this.withoutRedisIfNeeded(() => this.queues.listLiveJobs(component.name)),
    ]);
    const partsById = new Map<bigint, ParsedSnapshot[]>();
    for (const backup of groupSnapshotsByBackup(component.name, index)) {
      if (isSelected(backup.backupId, options.ids)) partsById.set(backup.backupId, backup.parts);
    }
    const jobs = new Map<bigint, BackupJobStatus>();
    for (const status of liveJobs ?? []) {
      const backupId = BigInt(status.job.data.backupId);
      if (isSelected(backupId, options.ids)) jobs.set(backupId, status);
    }
    const ids = [...new Set<bigint>([...partsById.keys(), ...jobs.keys()])].sort(compareBackupIdsNewestFirst);
    const reader = this.detailsReader(repository, component, index.length <= SMALL_LIST_SNAPSHOTS);
    const jobsKnown = liveJobs !== undefined;

    const step = async (first: number): Promise<BackupView[]> => {
      const stepIds = ids.slice(first, first + BACKUPS_PER_STEP);
      const listed = stepIds.map((id) => partsById.get(id) ?? []);
      // Without details (verbose=false) a state is still exact, except a backup the parts do not
      // settle while Redis is down: telling "between parts" from abandoned then needs the end times.
      const needsDetails = listed.map(
        (parts) =>
          options.verbose ||
          (!jobsKnown && !SETTLED_BY_PARTS.includes(this.derive(component, parts, undefined, false).state)),
      );
      const detailed = await reader.withDetails(listed.filter((_, i) => needsDetails[i]).flat());
      const detailsByName = new Map(detailed.map((part) => [part.name, part]));
      return stepIds.map((id, i) => {
        const parts = needsDetails[i]
          ? listed[i]!.flatMap((part) => detailsByName.get(part.name) ?? [])
          : listed[i]!;
        return this.view(id, parts, this.stateOf(component, parts, jobs.get(id), jobsKnown), options.verbose);
      });
    };

    let next = ids.length > 0 ? step(0) : Promise.resolve([]);
    for (let first = 0; first < ids.length; first += BACKUPS_PER_STEP) {
      const views = await next;
      if (first + BACKUPS_PER_STEP < ids.length) {
        next = step(first + BACKUPS_PER_STEP);
        // Read ahead while this step is written; its error surfaces when it is awaited.
        next.catch(() => undefined);
      }
      for (const view of views) {
        if (view.details.length > 0 || jobs.has(view.backupId)) yield view;
      }
    }
    if (options.ids.kind === 'all' && options.verbose) {
      const present = new Set<string>();
      for (const snapshot of index) if (snapshot.uuid !== undefined) present.add(snapshot.uuid);
      void reader.prune(present);
    }
  }

  /**
   * Reads answer without Redis, from the datastore alone: the job facts are then unknown (undefined)
   * and a backup between parts is told apart from an abandoned one by BACKUP_INCOMPLETE_GRACE_MS.
   */
  private async withoutRedisIfNeeded(
    read: () => Promise<BackupJobStatus[]>,
  ): Promise<BackupJobStatus[] | undefined> {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'queue_unavailable')) throw error;
      this.logger.warn(`${error.message} Answering from the datastore alone.`);
      return undefined;
    }
  }

  private endedRecently(parts: readonly ParsedSnapshot[]): boolean {
    const lastEnd = Math.max(0, ...parts.map((part) => part.endTimeMillis ?? part.startTimeMillis ?? 0));
    return Date.now() - lastEnd < this.config.incompleteGraceMs;
  }

  /**
   * The cheap listing: names, uuids and states, from the repository index alone. Kept as small
   * objects (a list holds the index of the whole repository while it streams).
   */
  private async readIndex(repository: string, pattern: string): Promise<SnapshotSummary[]> {
    let listed: SnapshotSummary[];
    try {
      listed = await this.datastore.getSnapshots(repository, [pattern], { verbose: false, stateOnly: true });
    } catch (error) {
      throw translateRepositoryMissing(error, repository);
    }
    return listed.map(({ name, uuid, state }) => ({ name, uuid, state, failures: NO_FAILURES }));
  }

  /** `small`: few snapshots (a get, a short list), for which the in-process details are worth consulting. */
  private detailsReader(
    repository: string,
    component: ComponentSettings,
    small: boolean,
  ): SnapshotDetailsReader {
    return new SnapshotDetailsReader(
      this.datastore,
      this.detailsCache,
      small ? this.recentDetails : undefined,
      this.logger,
      repository,
      component.name,
    );
  }

  private derive(
    component: ComponentSettings,
    parts: readonly ParsedSnapshot[],
    job: BackupJobStatus | undefined,
    pending: boolean,
  ): DerivedBackupState {
    const expectedParts = parts[0]?.parsed.partCount ?? job?.job.data.partCount ?? component.partCount;
    return deriveBackupState({
      expectedParts,
      pending,
      parts: parts.map((part) => ({
        name: part.name,
        partNo: part.parsed.partNo,
        partCount: part.parsed.partCount,
        state: part.state,
        startTimeMillis: part.startTimeMillis,
        reason: part.reason,
        failures: part.failures.map((f) => f.reason),
      })),
    });
  }

  /** The state from the parts and what Redis knows of the backup's job (jobsKnown false: Redis down). */
  private stateOf(
    component: ComponentSettings,
    parts: readonly ParsedSnapshot[],
    job: BackupJobStatus | undefined,
    jobsKnown: boolean,
  ): DerivedBackupState {
    const pending = jobsKnown ? job !== undefined && isPending(job.state) : this.endedRecently(parts);
    const derived = this.derive(component, parts, job, pending);
    // A job that gave up leaves its backup unfinished: say why instead of INCOMPLETE.
    if (job?.state === 'failed' && (derived.state === 'INCOMPLETE' || derived.state === 'IN_PROGRESS')) {
      return {
        state: 'FAILED',
        failureReason: `Backup job failed: ${job.job.failedReason ?? 'no reason recorded'}`,
      };
    }
    return derived;
  }

  /** `detailed` false (a verbose=false list): start times and failures are not known, hence null. */
  private view(
    backupId: bigint,
    parts: readonly ParsedSnapshot[],
    derived: DerivedBackupState,
    detailed: boolean,
  ): BackupView {
    let firstStartMillis: number | undefined;
    let lastEndMillis: number | undefined;
    if (detailed) {
      for (const part of parts) {
        if (part.startTimeMillis !== undefined)
          firstStartMillis = Math.min(firstStartMillis ?? Infinity, part.startTimeMillis);
        if (part.endTimeMillis !== undefined && part.endTimeMillis > 0)
          lastEndMillis = Math.max(lastEndMillis ?? 0, part.endTimeMillis);
      }
    }
    return {
      backupId,
      state: derived.state,
      failureReason: derived.failureReason,
      ...(firstStartMillis === undefined ? {} : { firstStartMillis }),
      ...(lastEndMillis === undefined ? {} : { lastEndMillis }),
      details: parts.map((part) => ({
        snapshotName: part.name,
        state: part.state,
        startTime:
          !detailed || part.startTimeMillis === undefined ? null : formatStartTime(part.startTimeMillis),
        failures: detailed ? part.failures.map((f) => f.reason) : null,
      })),
    };
  }
}
