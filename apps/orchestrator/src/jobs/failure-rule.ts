import { DatastoreError, type DatastoreErrorKind } from '@app/datastore';
import { UnrecoverableError } from 'bullmq';
import { DomainError } from '../core/errors/domain-error.js';
import { ZeebeError } from '../zeebe/zeebe-error.js';

/** Datastore refusals no retry can fix. Everything else (unreachable, busy, unexpected) may pass. */
const PERMANENT_DATASTORE_KINDS: ReadonlySet<DatastoreErrorKind> = new Set([
  'repository_missing',
  'snapshot_missing',
  'index_missing',
  'bad_request',
  'unauthorized',
  'restore_refused',
]);

/**
 * The one rule for every job: a permanent failure ends the job at once with its reason; any other
 * is retried by the job's attempts (transient datastore errors are first retried in place by
 * retryTransient, within BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS / BACKUP_REDIS_OUTAGE_TOLERANCE_MS).
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof UnrecoverableError) return true;
  if (error instanceof DomainError) return error.kind !== 'queue_unavailable';
  if (error instanceof DatastoreError) return PERMANENT_DATASTORE_KINDS.has(error.kind);
  if (error instanceof ZeebeError)
    return error.status !== undefined && error.status >= 400 && error.status < 500;
  return false;
}

/** The error a job throws: permanent ones as UnrecoverableError (BullMQ then skips the remaining attempts). */
export function asJobFailure(error: unknown): Error {
  if (error instanceof UnrecoverableError) return error;
  const failure = error instanceof Error ? error : new Error(String(error));
  return isPermanentFailure(failure) ? new UnrecoverableError(failure.message) : failure;
}
