/** The orchestrator API's answers, as far as the CLI reads them (IDs are strings: see api-client.ts). */
export interface StepView {
  step: string;
  state: string;
  reason: string | null;
}

export interface ComponentView {
  state: string;
  failureReason: string | null;
  details?: Array<{ snapshotName: string; state: string }>;
  recordsSnapshot?: { state: string | null };
  brokerBackup?: { partitions: Array<{ state: string }> } | null;
}

export interface BackupView {
  backupId: string;
  state: string;
  failureReason: string | null;
  finished: boolean;
  trigger: string;
  acceptedAt: string;
  zeebe: { included: boolean; reason?: string | null };
  components: Record<string, ComponentView>;
  steps: StepView[];
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
  steps: RestoreStepView[];
}

export interface AcceptedRestore {
  components: string[];
  snapshots: string[];
}

export interface ErrorBody {
  message?: string;
}
