import type { Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';

export interface PollOptions<T> {
  /** What is followed, for messages: "snapshot camunda_…", "the Zeebe backup 5". */
  what: string;
  read: () => Promise<T>;
  /** The value is final: stop polling and return it. */
  isFinal: (value: T) => boolean;
  /** Give up after this long, naming the setting that bounds it. */
  deadline: { ms: number; setting: string };
  /** The longest pause between two reads (BACKUP_POLL_MAX_INTERVAL_MS). */
  maxIntervalMs: number;
  /** Runs between reads, e.g. to notice a cancellation (throw to stop). */
  betweenReads?: () => Promise<void>;
  /** Runs once the deadline passed, before the failure is thrown (e.g. abort a hung snapshot). */
  onDeadline?: () => Promise<void>;
  logger?: Logger;
}

/** Progress of a long wait is logged this often. */
const PROGRESS_LOG_MS = 60_000;

/**
 * The one way jobs follow something that runs elsewhere (a snapshot, a restore, a Zeebe backup): read
 * until final, bounded by a deadline, pausing between reads at most ~5% of the time followed so far
 * (25 ms up to `maxIntervalMs`): short waits stay short, long ones cost few reads.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const started = Date.now();
  let lastLog = started;
  for (;;) {
    const value = await options.read();
    if (options.isFinal(value)) return value;
    await options.betweenReads?.();
    const elapsed = Date.now() - started;
    if (elapsed > options.deadline.ms) {
      await options.onDeadline?.();
      throw new UnrecoverableError(
        `${options.what} was still running after ${elapsed} ms (limit ${options.deadline.setting}=${options.deadline.ms})`,
      );
    }
    if (options.logger && Date.now() - lastLog >= PROGRESS_LOG_MS) {
      lastLog = Date.now();
      options.logger.log(
        `${options.what} still running after ${Math.round(elapsed / 1000)} s (limit ${options.deadline.setting}=${options.deadline.ms})`,
      );
    }
    await sleep(pollIntervalMs(elapsed, options.maxIntervalMs));
  }
}

export function pollIntervalMs(elapsedMs: number, maxIntervalMs: number): number {
  return Math.min(maxIntervalMs, Math.max(25, Math.round(elapsedMs * 0.05)));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
