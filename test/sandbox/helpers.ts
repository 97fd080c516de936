import { Client as EsClient } from '@elastic/elasticsearch';
import { Client as OsClient } from '@opensearch-project/opensearch';
import { parse } from 'lossless-json';
import { httpRequest } from '../support/http.js';
import { type SandboxHandle, type SandboxOptions, SandboxHandle as Handle } from '../support/sandbox.js';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A fast sandbox for tests (short snapshots unless the test asks otherwise). */
export function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  return Handle.start({
    ...options,
    env: { SANDBOX_SNAPSHOT_MIN_MS: '60', SANDBOX_SNAPSHOT_MS_PER_DOC: '0', ...options.env },
  });
}

export function esClient(sandbox: SandboxHandle): EsClient {
  return new EsClient({ node: sandbox.url, maxRetries: 0 });
}

export function osClient(sandbox: SandboxHandle): OsClient {
  return new OsClient({ node: sandbox.url, maxRetries: 0 });
}

/** Plain HTTP, for wire details the clients hide. JSON bodies are parsed with plain JSON.parse. */
export async function raw(
  sandbox: SandboxHandle,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const answer = await httpRequest(`${sandbox.url}${path}`, { method, body, headers });
  return { status: answer.status, headers: answer.headers, text: answer.text, body: answer.json };
}

/** Parses with lossless-json so big integers can be compared digit for digit. */
export function parseExact(text: string): unknown {
  return parse(text);
}

/** Registers an fs repository at a relative location. */
export async function putRepository(sandbox: SandboxHandle, name: string, location = name): Promise<void> {
  const response = await raw(sandbox, 'PUT', `/_snapshot/${name}`, { type: 'fs', settings: { location } });
  if (response.status !== 200) throw new Error(`repository ${name}: ${response.text}`);
}

/** Creates an index with `count` documents `{n}` with ids `0..count-1`. */
export async function seedIndex(
  sandbox: SandboxHandle,
  index: string,
  count: number,
  settings = {},
): Promise<void> {
  const created = await raw(sandbox, 'PUT', `/${index}`, { settings });
  if (created.status !== 200) throw new Error(`index ${index}: ${created.text}`);
  if (count === 0) return;
  const lines = Array.from({ length: count }, (_, n) => `{"index":{"_id":"${n}"}}\n{"n":${n}}\n`).join('');
  const bulk = await raw(sandbox, 'POST', `/${index}/_bulk`, lines, {
    'Content-Type': 'application/x-ndjson',
  });
  if (bulk.status !== 200 || bulk.body.errors) throw new Error(`bulk ${index}: ${bulk.text}`);
}

/** Waits until a snapshot is no longer IN_PROGRESS and returns its state. */
export async function waitForSnapshot(
  sandbox: SandboxHandle,
  repository: string,
  name: string,
): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const response = await raw(sandbox, 'GET', `/_snapshot/${repository}/${name}`);
    const state = response.body?.snapshots?.[0]?.state;
    if (state && state !== 'IN_PROGRESS') return state;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`snapshot ${repository}/${name} did not finish`);
}

export async function addFault(sandbox: SandboxHandle, fault: Record<string, unknown>): Promise<string> {
  const response = await raw(sandbox, 'POST', '/_sandbox/faults', fault);
  if (response.status !== 200) throw new Error(`fault: ${response.text}`);
  return response.body.id;
}

/** Waits until every primary of `index` reports recovery stage DONE (a restore has finished). */
export async function waitForRecovery(sandbox: SandboxHandle, index: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const response = await raw(sandbox, 'GET', `/${index}/_recovery`);
    const shards: Array<{ stage: string }> = response.body?.[index]?.shards ?? [];
    if (shards.length > 0 && shards.every((s) => s.stage === 'DONE')) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`recovery of ${index} did not finish`);
}
