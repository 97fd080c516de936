import { errors } from '@opensearch-project/opensearch';
import { DatastoreError } from '../datastore-error.js';
import { DatastoreFailure } from '../datastore-failure.js';

/** Translates what `@opensearch-project/opensearch` throws into a `DatastoreError`. */
export class OpenSearchErrorMapper {
  private readonly failure: DatastoreFailure;

  constructor(secrets: readonly (string | undefined)[] = []) {
    this.failure = new DatastoreFailure(secrets);
  }

  map(operation: string, error: unknown): DatastoreError {
    if (error instanceof DatastoreError) return error;
    if (error instanceof errors.ResponseError) {
      return this.failure.answered(operation, error.meta?.statusCode ?? error.statusCode, error.meta?.body);
    }
    if (
      error instanceof errors.ConnectionError ||
      error instanceof errors.TimeoutError ||
      error instanceof errors.NoLivingConnectionsError
    ) {
      return this.failure.unreachable(operation, error);
    }
    return this.failure.other(operation, error);
  }
}
