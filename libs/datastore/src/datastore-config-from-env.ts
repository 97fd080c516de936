import type { DatastoreConfig } from './datastore-config.js';
import { redact } from './redact.js';

export type DatastoreConfigResult = { ok: true; config: DatastoreConfig } | { ok: false; problems: string[] };

const DEFAULT_URL = 'http://localhost:9200';
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 0;

/**
 * Reads the `DATASTORE_*` variables (empty means unset). Pure: no file is read here. Every problem
 * names its variable; no credential is ever echoed.
 */
export function datastoreConfigFromEnv(env: Record<string, string | undefined>): DatastoreConfigResult {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };

  const type = (value('DATASTORE_TYPE') ?? 'elasticsearch').toLowerCase();
  if (type !== 'elasticsearch' && type !== 'opensearch') {
    problems.push(`DATASTORE_TYPE must be 'elasticsearch' or 'opensearch', not '${value('DATASTORE_TYPE')}'`);
  }

  const urls = (value('DATASTORE_URL') ?? DEFAULT_URL)
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (urls.length === 0) problems.push('DATASTORE_URL must list at least one http(s) URL');
  for (const url of urls) {
    if (!isHttpUrl(url)) {
      problems.push(`DATASTORE_URL: '${redact(url)}' is not an http:// or https:// URL`);
    }
  }

  const username = value('DATASTORE_USERNAME');
  const password = value('DATASTORE_PASSWORD');
  const apiKey = value('DATASTORE_API_KEY');
  if (password && !username) problems.push('DATASTORE_PASSWORD is set but DATASTORE_USERNAME is not');
  if (username && !password) problems.push('DATASTORE_USERNAME is set but DATASTORE_PASSWORD is not');
  if (apiKey && username) {
    problems.push('set either DATASTORE_API_KEY or DATASTORE_USERNAME/DATASTORE_PASSWORD, not both');
  }
  if (apiKey && type === 'opensearch') {
    problems.push('DATASTORE_API_KEY is only supported with DATASTORE_TYPE=elasticsearch');
  }

  const requestTimeoutMs = integer('DATASTORE_REQUEST_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MS, 1);
  const maxRetries = integer('DATASTORE_MAX_RETRIES', DEFAULT_MAX_RETRIES, 0);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      type: type as DatastoreConfig['type'],
      urls,
      ...(username ? { username, password } : {}),
      ...(apiKey ? { apiKey } : {}),
      ...(value('DATASTORE_CA_FILE') ? { caFile: value('DATASTORE_CA_FILE') } : {}),
      requestTimeoutMs,
      maxRetries,
    },
  };

  function integer(name: string, fallback: number, min: number): number {
    const raw = value(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) {
      problems.push(`${name} must be a whole number ≥ ${min}, not '${raw}'`);
      return fallback;
    }
    return Number(raw);
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
