import { DatastoreError } from './datastore-error.js';

/**
 * Defence in depth for destructive calls: every name must be one exact name, never a pattern,
 * list or exclusion, so that a bug upstream can never widen a delete.
 */
export function assertExactNames(operation: string, names: readonly string[]): void {
  for (const name of names) {
    if (
      name === '' ||
      name.includes('*') ||
      name.includes(',') ||
      name.startsWith('_') ||
      name.startsWith('-')
    ) {
      throw new DatastoreError(
        'bad_request',
        `${operation} refused: '${name}' is not an exact name (empty, contains '*' or ',', or starts with '_' or '-')`,
      );
    }
  }
}
