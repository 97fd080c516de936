/**
 * The product's own error kinds. Adapters map every client failure to one of these, keeping the
 * datastore's error `type` and `reason` for messages. Credentials never appear in `message`.
 */
export type DatastoreErrorKind =
  /** Connection refused/reset, DNS, TLS, time-out, no living connections: the datastore cannot be reached. */
  | 'unreachable'
  /** 502/503/504/429 answered by the datastore (or a proxy): retry later. */
  | 'unavailable'
  /** repository_missing_exception (404). */
  | 'repository_missing'
  /** snapshot_missing_exception (404). */
  | 'snapshot_missing'
  /** snapshot_name_already_in_use_exception / invalid_snapshot_name_exception "already exists|in-progress". */
  | 'duplicate_snapshot'
  /** concurrent_snapshot_execution_exception (503) and other "busy" conflicts. */
  | 'concurrent_operation'
  /** index_not_found_exception (404). */
  | 'index_missing'
  /** snapshot_restore_exception (500): e.g. an open index with the same name exists. */
  | 'restore_refused'
  /** 400-class errors the datastore returned for our request (bad request, validation). */
  | 'bad_request'
  /** 401/403. */
  | 'unauthorized'
  /** Anything else, with type and reason kept. */
  | 'other';

export class DatastoreError extends Error {
  constructor(
    readonly kind: DatastoreErrorKind,
    message: string,
    /** The datastore's error `type` (e.g. `snapshot_missing_exception`), when it answered. */
    readonly type?: string,
    /** The datastore's error `reason`, when it answered. */
    readonly reason?: string,
    /** HTTP status the datastore answered with, when it answered. */
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'DatastoreError';
  }

  /** Worth retrying later: the datastore could not be reached, was overloaded or busy. */
  get isTransient(): boolean {
    return this.kind === 'unreachable' || this.kind === 'unavailable' || this.kind === 'concurrent_operation';
  }
}
