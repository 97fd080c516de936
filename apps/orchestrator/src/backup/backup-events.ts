import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { SnapshotComponent, SnapshotState } from '@app/snapshot-planning';

/** A part reached a final state (or the job gave up on it). */
export interface PartFinishedEvent {
  component: SnapshotComponent;
  backupId: string;
  partNo: number;
  partCount: number;
  snapshot: string;
  state: SnapshotState;
  /** From the create request (or the start of following an existing part) to the final state. */
  durationMs: number;
}

/** A backup job ended: COMPLETED, FAILED (with reason) or CANCELLED by a DELETE. */
export interface BackupFinishedEvent {
  component: SnapshotComponent;
  backupId: string;
  outcome: 'COMPLETED' | 'FAILED' | 'CANCELLED';
  reason?: string;
  durationMs: number;
}

interface BackupEventMap {
  'part.finished': [PartFinishedEvent];
  'backup.finished': [BackupFinishedEvent];
}

/**
 * In-process notifications from the backup worker, for observers (metrics, logs). Observers must
 * not throw; the worker never waits for them.
 */
@Injectable()
export class BackupEvents extends EventEmitter<BackupEventMap> {}
