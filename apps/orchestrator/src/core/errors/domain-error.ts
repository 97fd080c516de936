/**
 * The daemon's one error model. Services throw a DomainError of a kind; each API renders kinds in
 * its own contract's status codes and body shape (core/errors/error-rendering.ts). Failures of the
 * systems behind the daemon arrive as DatastoreError (@app/datastore) and ZeebeError.
 */
export type DomainErrorKind =
  /** The request is malformed or breaks a rule (backup ID, body shape, unknown component). */
  | 'invalid_request'
  /** The body is not JSON. */
  | 'unsupported_media_type'
  /** A backup with this ID exists (the component contracts give it their own status). */
  | 'duplicate_backup'
  /** The request cannot run now or in this state (something in progress, pre-checks refused). */
  | 'conflict'
  /** Nothing with that ID exists. */
  | 'not_found'
  /** No snapshot repository is configured for the component. */
  | 'repository_not_configured'
  /** The configured repository does not exist in the datastore. */
  | 'repository_missing'
  /** Redis (the queue) cannot be reached. */
  | 'queue_unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
