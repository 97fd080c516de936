/** The orchestrator API's answers, as far as the CLI reads them (IDs are strings: see api-client.ts). */
export interface StepView {
  step: string;
  state: string;
  reason: string | null;
}

/** One part (snapshot) of a component backup. */
export interface PartView {
  snapshotName: string;
  state: string;
  startTime?: string | null;
  failures?: string[] | null;
}

/** A component of a backup in a list entry (and, with its details, in `GET /backups/{id}`). */
export interface ComponentView {
  state: string;
  failureReason: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  sizeBytes?: number | null;
  details?: PartView[] | { details?: PartView[] } | null;
  recordsSnapshot?: { state: string | null };
  brokerBackup?: { partitions: Array<{ state: string }> } | null;
}

/** An entry of `GET /backups` (coordinated or component backup). */
export interface BackupEntry {
  backupId: string;
  kind?: 'coordinated' | 'component';
  generation?: string;
  trigger?: string;
  state: string;
  failureReason: string | null;
  acceptedAt?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  durationMs?: number | null;
  sizeBytes?: number | null;
  components: Record<string, ComponentView>;
}

export interface BackupList {
  backups: BackupEntry[];
  nextBefore: string | null;
}

/** `GET /backups/{id}`: the entry plus the coordinated flow's view. */
export interface BackupView extends BackupEntry {
  finished?: boolean;
  zeebe?: { included: boolean; reason?: string | null };
  steps?: StepView[];
}

export interface AcceptedBackup {
  backupId: string;
  components: string[];
  zeebe: { included: boolean; reason?: string };
}

export interface RestoreStepView {
  component: string;
  snapshot: string;
  state: string;
  indices: number | null;
  documents: number | null;
}

export interface RestoreView {
  backupId: string;
  state: string;
  failureReason: string | null;
  components: string[];
  acceptedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  steps: RestoreStepView[];
}

export interface AcceptedRestore {
  components: string[];
  snapshots: string[];
}

export interface ScheduleView {
  name: string;
  cron: string;
  timeZone: string;
  nextRunAt: string | null;
  retention: { count: number | null; maxAge: string | null };
  lastRun: {
    at: string;
    outcome: string;
    backupId: string | null;
    reason: string | null;
    retention: { deleted: string[]; error: string | null } | null;
  } | null;
}

export interface ScheduleRunAnswer {
  schedule: string;
  backupId: string;
  retention: { deleted: string[]; error: string | null } | null;
}

export interface ErrorBody {
  message?: string;
}
