import { DatastoreError, type DatastoreErrorKind } from './datastore-error.js';
import { redact } from './redact.js';

/**
 * Builds `DatastoreError`s from what a client saw, the same way for both flavours. The message
 * names the operation and the datastore's error type and reason; secrets are masked.
 */
export class DatastoreFailure {
  constructor(private readonly secrets: readonly (string | undefined)[] = []) {}

  /** The datastore answered with an error status. */
  answered(operation: string, statusCode: number | undefined, body: unknown): DatastoreError {
    const { type, reason, cause } = describeErrorBody(body);
    const status = statusCode ?? 0;
    const kind = kindOf(status, type, reason);
    const what = [type, reason].filter(Boolean).join(': ');
    const message =
      `${operation} failed: the datastore answered ${status}` +
      (what ? ` ${what}` : '') +
      (cause ? ` (caused by ${cause})` : '');
    return new DatastoreError(kind, this.clean(message), type, reason && this.clean(reason), statusCode);
  }

  /** Connection refused/reset, DNS, TLS, time-out, no living connections. */
  unreachable(operation: string, error: Error): DatastoreError {
    return new DatastoreError(
      'unreachable',
      this.clean(`${operation} failed: the datastore is unreachable (${error.name}: ${error.message})`),
    );
  }

  /** Anything the client itself failed at (serialization, configuration, product check...). */
  other(operation: string, error: unknown, explanation?: string): DatastoreError {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new DatastoreError('other', this.clean(`${operation} failed: ${explanation ?? detail}`));
  }

  private clean(text: string): string {
    return redact(text, this.secrets);
  }
}

interface ErrorDescription {
  type?: string;
  reason?: string;
  cause?: string;
}

/** Reads the `{"error":{type,reason,caused_by},"status"}` envelope, or whatever else came back. */
export function describeErrorBody(body: unknown): ErrorDescription {
  if (typeof body === 'string') return { reason: body.trim().slice(0, 500) || undefined };
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as Record<string, unknown>).error;
  if (typeof error === 'string') return { reason: error };
  if (typeof error !== 'object' || error === null) return {};
  const { type, reason, caused_by: causedBy } = error as Record<string, unknown>;
  const cause =
    typeof causedBy === 'object' && causedBy !== null ? (causedBy as Record<string, unknown>) : {};
  return {
    type: typeof type === 'string' ? type : undefined,
    reason: typeof reason === 'string' ? reason : undefined,
    cause: cause.reason ? `${String(cause.type)}: ${String(cause.reason)}` : undefined,
  };
}

const KIND_BY_TYPE = new Map<string, DatastoreErrorKind>([
  ['repository_missing_exception', 'repository_missing'],
  ['snapshot_missing_exception', 'snapshot_missing'],
  ['snapshot_name_already_in_use_exception', 'duplicate_snapshot'],
  ['concurrent_snapshot_execution_exception', 'concurrent_operation'],
  ['snapshot_in_progress_exception', 'concurrent_operation'],
  ['index_not_found_exception', 'index_missing'],
  ['snapshot_restore_exception', 'restore_refused'],
  ['security_exception', 'unauthorized'],
]);

export function kindOf(status: number, type?: string, reason?: string): DatastoreErrorKind {
  if (type === 'invalid_snapshot_name_exception') {
    // ES before ~8.2 and OpenSearch report duplicates with this type.
    return /already exists|already in-progress/.test(reason ?? '') ? 'duplicate_snapshot' : 'bad_request';
  }
  const byType = type ? KIND_BY_TYPE.get(type) : undefined;
  if (byType) return byType;
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 429 || status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status === 400) return 'bad_request';
  return 'other';
}
