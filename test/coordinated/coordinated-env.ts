import { randomUUID } from 'node:crypto';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { DaemonHandle } from '../support/daemon.js';
import { type HttpAnswer, httpRequest } from '../support/http.js';
import { freePort, waitFor } from '../support/processes.js';
import { type Flavor, SandboxHandle } from '../support/sandbox.js';

export type Answer = HttpAnswer;

export function call(url: string, method: string, path: string, body?: unknown): Promise<Answer> {
  return httpRequest(`${url}${path}`, { method, body });
}

export const ZEEBE_RECORD_INDICES = ['zeebe-record_process-instance_8.8.0_', 'zeebe-record_job_8.8.0_'];

/**
 * A sandbox with its Zeebe stand-in, seeded with Camunda-like and Zeebe-record indices and a
 * repository, and daemons started against it. Coordinated tests need the stand-in and fault
 * injection, so they always run against the sandbox.
 */
export class CoordinatedEnv {
  readonly repository = `cbo-coord-${randomUUID().slice(0, 8)}`;
  private readonly daemons: DaemonHandle[] = [];

  private constructor(
    readonly sandbox: SandboxHandle,
    readonly zeebePort: number,
  ) {}

  /** `sandboxEnv` overrides the sandbox's settings (e.g. slower snapshots). */
  static async start(flavor: Flavor, sandboxEnv: Record<string, string> = {}): Promise<CoordinatedEnv> {
    const zeebePort = await freePort();
    const sandbox = await SandboxHandle.start({
      flavor,
      env: {
        SANDBOX_ZEEBE_PORT: String(zeebePort),
        SANDBOX_ZEEBE_BACKUP_MS: '40',
        SANDBOX_SNAPSHOT_MIN_MS: '20',
        SANDBOX_SNAPSHOT_MS_PER_DOC: '1',
        ...sandboxEnv,
      },
    });
    const env = new CoordinatedEnv(sandbox, zeebePort);
    await seedCamundaIndices(sandbox.url, { docsPerIndex: 2 });
    for (const index of ZEEBE_RECORD_INDICES) {
      await env.datastore('PUT', `/${index}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } });
      await env.datastore('PUT', `/${index}/_doc/1?refresh=true`, { position: 1 });
    }
    const created = await env.datastore('PUT', `/_snapshot/${env.repository}`, {
      type: 'fs',
      settings: { location: env.repository },
    });
    if (created.status !== 200) throw new Error(`repository: ${created.text}`);
    return env;
  }

  get zeebeUrl(): string {
    return `http://127.0.0.1:${this.zeebePort}`;
  }

  async startDaemon(env: Record<string, string> = {}, queuePrefix?: string): Promise<DaemonHandle> {
    const daemon = await DaemonHandle.start({
      datastoreUrl: this.sandbox.url,
      datastoreType: this.sandbox.flavor,
      queuePrefix,
      env: {
        BACKUP_REPOSITORY_NAME: this.repository,
        ZEEBE_MANAGEMENT_URL: this.zeebeUrl,
        ZEEBE_PAUSE_LEASE_MS: '4000',
        ...env,
      },
    });
    this.daemons.push(daemon);
    return daemon;
  }

  datastore(method: string, path: string, body?: unknown): Promise<Answer> {
    return call(this.sandbox.url, method, path, body);
  }

  zeebe(method: string, path: string, body?: unknown): Promise<Answer> {
    return call(this.zeebeUrl, method, path, body);
  }

  async exportingState(): Promise<string> {
    return (await this.zeebe('GET', '/_zeebe/state')).json.exporting;
  }

  /** The calls the sandbox received (datastore and Zeebe stand-in), oldest first. */
  async requests(): Promise<Array<{ method: string; path: string; query: Record<string, string> }>> {
    return (await this.datastore('GET', '/_sandbox/requests')).json;
  }

  async clearFaults(): Promise<void> {
    await this.datastore('DELETE', '/_sandbox/faults');
    await this.zeebe('DELETE', '/_zeebe/faults');
  }

  async close(): Promise<void> {
    for (const daemon of this.daemons) await daemon.close();
    await this.sandbox.close();
  }
}

/** Polls GET /api/v1/backups/{id} until every step of the backup has run. */
export async function waitForCoordinated(
  orchestratorUrl: string,
  backupId: string,
  timeoutMs = 30_000,
): Promise<any> {
  let last: Answer | undefined;
  await waitFor(
    `coordinated backup ${backupId} to finish`,
    async () => {
      last = await call(orchestratorUrl, 'GET', `/api/v1/backups/${backupId}`);
      return last.status === 200 && last.json.finished === true;
    },
    { timeoutMs, intervalMs: 100 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last answer: ${last?.text}`);
  });
  return last!.json;
}
