import type { DatastoreFlavor } from './snapshot-datastore.js';

/** How to reach the datastore. Credentials here are never logged nor put into error messages. */
export interface DatastoreConfig {
  type: DatastoreFlavor;
  /** One or more node URLs (http or https). */
  urls: string[];
  username?: string;
  password?: string;
  /** Elasticsearch API key (base64 `id:key`); Elasticsearch only. */
  apiKey?: string;
  /** PEM file of the CA that signed the datastore's certificate; TLS verification stays on. */
  caFile?: string;
  requestTimeoutMs?: number;
  /** Client-level retries; 0 by default because the daemon retries itself. */
  maxRetries?: number;
}
