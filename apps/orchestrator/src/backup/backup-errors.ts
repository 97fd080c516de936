/**
 * Failures the component APIs turn into status codes. Each contract (contract §4) maps these kinds
 * to its own codes and bodies; datastore failures arrive as DatastoreError from @app/datastore.
 */
export type BackupErrorKind =
  | 'invalid_request'
  | 'unsupported_media_type'
  | 'duplicate_backup'
  | 'backup_not_found'
  | 'repository_not_configured'
  | 'repository_missing'
  | 'queue_unavailable';

export class BackupError extends Error {
  constructor(
    readonly kind: BackupErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
