import type { Logger } from '@nestjs/common';
import { DatastoreError } from '@app/datastore';
import { DomainError } from '../core/errors/domain-error.js';

export interface RetryBounds {
  /** Give up once the system has failed transiently for this long. */
  toleranceMs: number;
  /** The setting that bounds the wait, named in logs and errors. */
  settingName: string;
}

/** How long a running job waits out each system's outage. */
export interface OutageBounds {
  datastore: RetryBounds;
  redis: RetryBounds;
}

export function outageBounds(config: {
  datastoreOutageToleranceMs: number;
  redisOutageToleranceMs: number;
}): OutageBounds {
  return {
    datastore: {
      toleranceMs: config.datastoreOutageToleranceMs,
      settingName: 'BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS',
    },
    redis: { toleranceMs: config.redisOutageToleranceMs, settingName: 'BACKUP_REDIS_OUTAGE_TOLERANCE_MS' },
  };
}

/** Which system a transient failure came from; undefined for a failure no wait can fix. */
function transientSystem(error: unknown): keyof OutageBounds | undefined {
  if (error instanceof DatastoreError && error.isTransient) return 'datastore';
  if (error instanceof DomainError && error.kind === 'queue_unavailable') return 'redis';
  return undefined;
}

/**
 * Runs `work` inside a job, retrying transient failures — the datastore unreachable, overloaded or
 * busy; Redis unreachable — with exponential backoff from 100 ms up to 5 s, for at most that
 * system's tolerance. Other errors pass at once. One warning when waiting starts, not per attempt.
 */
export async function retryTransient<T>(
  what: string,
  work: () => Promise<T>,
  bounds: OutageBounds,
  logger: Logger,
): Promise<T> {
  const started = Date.now();
  let delayMs = 100;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await work();
      if (attempt > 1) logger.log(`${what}: succeeded again after ${Date.now() - started} ms`);
      return result;
    } catch (error) {
      const system = transientSystem(error);
      if (!system) throw error;
      const { toleranceMs, settingName } = bounds[system];
      const elapsed = Date.now() - started;
      const message = (error as Error).message;
      if (elapsed + delayMs > toleranceMs) {
        const summary = `${what}: the ${system} kept failing for ${elapsed} ms (limit ${settingName}=${toleranceMs}): ${message}`;
        if (error instanceof DatastoreError) {
          throw new DatastoreError(error.kind, summary, error.type, error.reason, error.statusCode);
        }
        throw new DomainError('queue_unavailable', summary);
      }
      if (attempt === 1) {
        logger.warn(
          `${what}: ${message}; retrying until it answers (gives up after ${settingName}=${toleranceMs} ms)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, 5000);
    }
  }
}
