import { errors } from '@elastic/elasticsearch';
import { DatastoreError } from '../datastore-error.js';
import { DatastoreFailure } from '../datastore-failure.js';

/** Translates what `@elastic/elasticsearch` throws into a `DatastoreError`. */
export class ElasticsearchErrorMapper {
  private readonly failure: DatastoreFailure;

  constructor(secrets: readonly (string | undefined)[] = []) {
    this.failure = new DatastoreFailure(secrets);
  }

  map(operation: string, error: unknown): DatastoreError {
    if (error instanceof DatastoreError) return error;
    if (error instanceof errors.ResponseError) {
      return this.failure.answered(operation, error.meta.statusCode, error.meta.body);
    }
    if (
      error instanceof errors.ConnectionError ||
      error instanceof errors.TimeoutError ||
      error instanceof errors.NoLivingConnectionsError
    ) {
      return this.failure.unreachable(operation, error);
    }
    if (error instanceof errors.ProductNotSupportedError) {
      return this.failure.other(
        operation,
        error,
        'the server did not identify itself as Elasticsearch (is DATASTORE_TYPE right?)',
      );
    }
    return this.failure.other(operation, error);
  }
}
