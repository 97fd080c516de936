import type { ExportingState } from './zeebe-cluster.js';

/** What a request to the stand-in's management API asked for. */
export type ZeebeOperation =
  | 'pause'
  | 'soft-pause'
  | 'resume'
  | 'take-backup'
  | 'get-backup'
  | 'list-backups'
  | 'delete-backup'
  | 'get-state'
  | 'delete-state'
  | 'sync-state'
  | 'other';

/** One request the stand-in answered, with its effect on exporting. */
export interface ZeebeEvent {
  /** 1, 2, 3… in arrival order (times may tie within a millisecond). */
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  operation: ZeebeOperation;
  /** The backup ID the request named or was given (take, get, delete). */
  backupId?: bigint;
  /** The HTTP status answered. */
  status: number;
  /** 8.8+ exporting answers: the `status` inside the HTTP-200 body (204 success, 500 failure). */
  bodyStatus?: number;
  exportingBefore: ExportingState;
  exportingAfter: ExportingState;
}

/**
 * From the first pause that stopped exporting to the resume that restarted it. `pauses` counts
 * every pause request answered inside the window (the opening one included); `backupIds` are the
 * backups accepted inside it; `resumedAt` is null while the window is open.
 */
export interface PauseWindow {
  kind: 'PAUSED' | 'SOFT_PAUSED';
  pausedAt: string;
  pausedSeq: number;
  resumedAt: string | null;
  resumedSeq: number | null;
  pauses: number;
  backupIds: bigint[];
}

/** Every exporting and backup request, in order, for tests (`GET /_zeebe/events`). */
export class ZeebeEventLog {
  private events: ZeebeEvent[] = [];
  private nextSeq = 1;

  constructor(private readonly capacity = 10_000) {}

  record(event: Omit<ZeebeEvent, 'seq' | 'time'>): void {
    this.events.push({ seq: this.nextSeq++, time: new Date().toISOString(), ...event });
    if (this.events.length > this.capacity) this.events.splice(0, this.events.length - this.capacity);
  }

  list(): ZeebeEvent[] {
    return [...this.events];
  }

  /** Forgets every event; numbering starts again at 1. */
  clear(): void {
    this.events = [];
    this.nextSeq = 1;
  }

  pauseWindows(): PauseWindow[] {
    return pauseWindowsOf(this.events);
  }
}

const isPaused = (state: ExportingState) => state === 'PAUSED' || state === 'SOFT_PAUSED';

/** The pause windows the events describe (only answered requests that changed exporting open or close one). */
export function pauseWindowsOf(events: readonly ZeebeEvent[]): PauseWindow[] {
  const windows: PauseWindow[] = [];
  let open: PauseWindow | undefined;
  for (const event of events) {
    const pausing = event.operation === 'pause' || event.operation === 'soft-pause';
    if (!open && isPaused(event.exportingAfter) && !isPaused(event.exportingBefore)) {
      open = {
        kind: event.exportingAfter as PauseWindow['kind'],
        pausedAt: event.time,
        pausedSeq: event.seq,
        resumedAt: null,
        resumedSeq: null,
        pauses: 1,
        backupIds: [],
      };
      windows.push(open);
      continue;
    }
    if (!open) continue;
    if (pausing) open.pauses++;
    if (event.operation === 'take-backup' && event.status === 202 && event.backupId !== undefined) {
      open.backupIds.push(event.backupId);
    }
    if (!isPaused(event.exportingAfter)) {
      open.resumedAt = event.time;
      open.resumedSeq = event.seq;
      open = undefined;
    }
  }
  return windows;
}
