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
  /** When the backup was accepted (Unix ms). */
  acceptedAt?: number;
  /** When it ended (Unix ms). */
  finishedAt?: number;
}

/** Every step of a coordinated backup has run: COMPLETED, or FAILED with the first reason. */
export interface CoordinatedFinishedEvent {
  backupId: string;
  outcome: 'COMPLETED' | 'FAILED';
  reason?: string;
  /** Unix ms; undefined when the record could not be read. */
  acceptedAt?: number;
  finishedAt: number;
  /** From acceptance to the end; undefined without acceptedAt. */
  durationMs?: number;
}

/** A restore job ended. */
export interface RestoreFinishedEvent {
  backupId: string;
  outcome: 'COMPLETED' | 'FAILED';
  reason?: string;
  acceptedAt: number;
  finishedAt: number;
  /** From the start of the restore job to its end. */
  durationMs: number;
}

interface BackupEventMap {
  'part.finished': [PartFinishedEvent];
  'backup.finished': [BackupFinishedEvent];
  'coordinated.finished': [CoordinatedFinishedEvent];
  'restore.finished': [RestoreFinishedEvent];
}

/**
 * In-process notifications from the backup, coordinated and restore workers, for observers (metrics,
 * logs, webhooks). Observers must not throw; the worker never waits for them.
 */
@Injectable()
export class BackupEvents extends EventEmitter<BackupEventMap> {}
