import { type HttpAnswer, httpRequest } from './http.js';
import { SandboxHandle, type Flavor } from './sandbox.js';

/**
 * The datastore an e2e suite runs against: the sandbox by default, or a real cluster when
 * DATASTORE_URL is set (DATASTORE_TYPE says which kind; its path.repo must allow relative locations).
 * Tests that need fault injection run only against the sandbox (`hasFaultInjection`).
 */
export class DatastoreUnderTest {
  private constructor(
    readonly url: string,
    readonly flavor: Flavor,
    readonly sandbox?: SandboxHandle,
  ) {}

  static flavoursToTest(): Flavor[] {
    if (process.env.DATASTORE_URL)
      return [(process.env.DATASTORE_TYPE as Flavor | undefined) ?? 'elasticsearch'];
    return ['elasticsearch', 'opensearch'];
  }

  static async start(flavor: Flavor, sandboxEnv: Record<string, string> = {}): Promise<DatastoreUnderTest> {
    if (process.env.DATASTORE_URL) return new DatastoreUnderTest(process.env.DATASTORE_URL, flavor);
    const sandbox = await SandboxHandle.start({
      flavor,
      env: { SANDBOX_SNAPSHOT_MIN_MS: '120', SANDBOX_SNAPSHOT_MS_PER_DOC: '2', ...sandboxEnv },
    });
    return new DatastoreUnderTest(sandbox.url, flavor, sandbox);
  }

  get hasFaultInjection(): boolean {
    return this.sandbox !== undefined;
  }

  request(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    return httpRequest(`${this.url}${path}`, { method, body });
  }

  /** Names of all snapshots in a repository ([] when empty or missing). */
  async snapshotNames(repository: string): Promise<string[]> {
    const { status, json } = await this.request('GET', `/_snapshot/${repository}/_all`);
    if (status !== 200) return [];
    return (json.snapshots as Array<{ snapshot: string }>).map((s) => s.snapshot).sort();
  }

  async createRepository(repository: string): Promise<void> {
    const { status, text } = await this.request('PUT', `/_snapshot/${repository}`, {
      type: 'fs',
      settings: { location: repository },
    });
    if (status !== 200) throw new Error(`creating repository ${repository}: ${status} ${text}`);
  }

  /** Sandbox only: the next snapshot matching `snapshot` ends with `outcome`. */
  async injectSnapshotOutcome(outcome: 'FAILED' | 'PARTIAL' | 'HANG', snapshot: string): Promise<void> {
    const { status, text } = await this.request('POST', '/_sandbox/faults', {
      type: 'snapshot_outcome',
      outcome,
      snapshot,
      count: 1,
    });
    if (status !== 200) throw new Error(`fault injection failed: ${status} ${text}`);
  }

  async clearFaults(): Promise<void> {
    if (this.sandbox) await this.request('DELETE', '/_sandbox/faults');
  }

  async close(): Promise<void> {
    await this.sandbox?.close();
  }
}
