import type { Logger } from '@nestjs/common';
import { DatastoreError } from '@app/datastore';
import { DomainError } from '../core/errors/domain-error.js';

/** The bounds of every retried datastore call of a running job (BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS). */
export function datastoreOutageBounds(config: { datastoreOutageToleranceMs: number }): RetryBounds {
  return {
    toleranceMs: config.datastoreOutageToleranceMs,
    settingName: 'BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS',
  };
}

export interface RetryBounds {
  /** Give up once the datastore has failed transiently for this long. */
  toleranceMs: number;
  /** The setting that bounds the wait, named in logs and errors. */
  settingName: string;
}

/**
 * Transient: the datastore unreachable, 502/503/504/429 or busy; or Redis unreachable for a moment
 * (`queue_unavailable`: a restart, or a Sentinel failover while the clients move to the new primary).
 */
function isTransient(error: unknown): error is DatastoreError | DomainError {
  if (error instanceof DatastoreError) return error.isTransient;
  return error instanceof DomainError && error.kind === 'queue_unavailable';
}

/**
 * Runs `work`, retrying transient failures (see isTransient) with exponential backoff from 100 ms up
 * to 5 s, for at most `toleranceMs`. Other errors pass at once.
 */
export async function retryTransient<T>(
  what: string,
  work: () => Promise<T>,
  bounds: RetryBounds,
  logger: Logger,
): Promise<T> {
  const started = Date.now();
  let delayMs = 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransient(error)) throw error;
      const elapsed = Date.now() - started;
      if (elapsed + delayMs > bounds.toleranceMs) {
        if (error instanceof DomainError) {
          throw new DomainError(
            error.kind,
            `${what}: Redis kept failing for ${elapsed} ms (limit ${bounds.settingName}=${bounds.toleranceMs}): ${error.message}`,
          );
        }
        throw new DatastoreError(
          error.kind,
          `${what}: the datastore kept failing for ${elapsed} ms (limit ${bounds.settingName}=${bounds.toleranceMs}): ${error.message}`,
          error.type,
          error.reason,
          error.statusCode,
        );
      }
      logger.warn(
        `${what}: ${error.message}; retry ${attempt} in ${delayMs} ms (gives up after ${bounds.settingName}=${bounds.toleranceMs} ms)`,
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, 5000);
    }
  }
}
