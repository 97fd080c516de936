import { readFileSync } from 'node:fs';
import { Client as ElasticsearchClient } from '@elastic/elasticsearch';
import { Client as OpenSearchClient } from '@opensearch-project/opensearch';
import type { DatastoreConfig } from './datastore-config.js';
import { DatastoreError } from './datastore-error.js';
import { ElasticsearchDatastore } from './elasticsearch/elasticsearch-datastore.js';
import { ElasticsearchErrorMapper } from './elasticsearch/elasticsearch-error-mapper.js';
import { ElasticsearchLosslessSerializer } from './elasticsearch/elasticsearch-serializer.js';
import { OpenSearchDatastore } from './opensearch/opensearch-datastore.js';
import { OpenSearchErrorMapper } from './opensearch/opensearch-error-mapper.js';
import { OpenSearchLosslessSerializer } from './opensearch/opensearch-serializer.js';
import type { SnapshotDatastore } from './snapshot-datastore.js';

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The adapter for `config.type`, with exact 64-bit integers on the wire and TLS verification on. */
export function createDatastore(config: DatastoreConfig): SnapshotDatastore {
  const secrets = [config.password, config.apiKey];
  const ca = config.caFile ? readCa(config.caFile) : undefined;
  const common = {
    nodes: config.urls,
    requestTimeout: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    maxRetries: config.maxRetries ?? 0,
  };
  const basic =
    config.username !== undefined
      ? { username: config.username, password: config.password ?? '' }
      : undefined;

  if (config.type === 'opensearch') {
    const client = new OpenSearchClient({
      ...common,
      Serializer: OpenSearchLosslessSerializer,
      ...(basic ? { auth: basic } : {}),
      ...(ca ? { ssl: { ca, rejectUnauthorized: true } } : {}),
    });
    return new OpenSearchDatastore(client, new OpenSearchErrorMapper(secrets));
  }
  const client = new ElasticsearchClient({
    ...common,
    Serializer: ElasticsearchLosslessSerializer,
    ...(config.apiKey ? { auth: { apiKey: config.apiKey } } : basic ? { auth: basic } : {}),
    ...(ca ? { tls: { ca, rejectUnauthorized: true } } : {}),
  });
  return new ElasticsearchDatastore(client, new ElasticsearchErrorMapper(secrets));
}

function readCa(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new DatastoreError(
      'other',
      `cannot read the datastore CA file (DATASTORE_CA_FILE) '${path}': ${(error as Error).message}`,
    );
  }
}
