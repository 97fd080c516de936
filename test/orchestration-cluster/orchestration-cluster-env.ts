import { randomUUID } from 'node:crypto';
import { type SeededCamunda, seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { DaemonHandle } from '../support/daemon.js';
import { type HttpAnswer, httpRequest } from '../support/http.js';
import { freePort, waitFor } from '../support/processes.js';
import { type Flavor, SandboxHandle } from '../support/sandbox.js';

export function call(url: string, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
  return httpRequest(`${url}${path}`, { method, body });
}

export interface ClusterDaemon {
  daemon: DaemonHandle;
  /** The orchestration-cluster listener: /actuator/backupHistory and the Zeebe relay. */
  clusterUrl: string;
  optimizeUrl: string;
}

/**
 * A Camunda 8.8+ installation in the sandbox (its indices for `camundaVersion`, Zeebe stand-in of
 * that line, a snapshot repository) and daemons in the orchestration-cluster topology against it.
 */
export class OrchestrationClusterEnv {
  readonly repository = `cbo-oc-${randomUUID().slice(0, 8)}`;
  private readonly daemons: DaemonHandle[] = [];

  private constructor(
    readonly sandbox: SandboxHandle,
    readonly zeebePort: number,
    readonly seeded: SeededCamunda,
    readonly camundaVersion: string,
  ) {}

  static async start(
    flavor: Flavor,
    camundaVersion: string,
    options: { archived?: boolean; sandboxEnv?: Record<string, string> } = {},
  ): Promise<OrchestrationClusterEnv> {
    const zeebePort = await freePort();
    const line = camundaVersion.split('.').slice(0, 2).join('.');
    const sandbox = await SandboxHandle.start({
      flavor,
      env: {
        SANDBOX_ZEEBE_PORT: String(zeebePort),
        SANDBOX_ZEEBE_VERSION: line,
        SANDBOX_ZEEBE_BACKUP_MS: '40',
        SANDBOX_SNAPSHOT_MIN_MS: '20',
        SANDBOX_SNAPSHOT_MS_PER_DOC: '1',
        ...options.sandboxEnv,
      },
    });
    const seeded = await seedCamundaIndices(sandbox.url, {
      camundaVersion,
      archived: options.archived ?? true,
      docsPerIndex: 2,
    });
    const env = new OrchestrationClusterEnv(sandbox, zeebePort, seeded, camundaVersion);
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

  async startDaemon(env: Record<string, string> = {}, queuePrefix?: string): Promise<ClusterDaemon> {
    const clusterPort = await freePort();
    const daemon = await DaemonHandle.start({
      datastoreUrl: this.sandbox.url,
      datastoreType: this.sandbox.flavor,
      queuePrefix,
      env: {
        CAMUNDA_TOPOLOGY: 'orchestration-cluster',
        CAMUNDA_VERSION: this.camundaVersion,
        ORCHESTRATION_CLUSTER_PORT: String(clusterPort),
        BACKUP_REPOSITORY_NAME: this.repository,
        ZEEBE_MANAGEMENT_URL: this.zeebeUrl,
        ZEEBE_PAUSE_LEASE_MS: '4000',
        ...env,
      },
    });
    this.daemons.push(daemon);
    return {
      daemon,
      clusterUrl: `http://127.0.0.1:${clusterPort}`,
      optimizeUrl: daemon.componentUrl('optimize'),
    };
  }

  datastore(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    return call(this.sandbox.url, method, path, body);
  }

  zeebe(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    return call(this.zeebeUrl, method, path, body);
  }

  async close(): Promise<void> {
    for (const daemon of this.daemons) await daemon.close();
    await this.sandbox.close();
  }
}

/** Polls a Backup Management API's GET one until the state is final. */
export async function waitForState(url: string, path: string, timeoutMs = 30_000): Promise<HttpAnswer> {
  let last: HttpAnswer | undefined;
  await waitFor(
    `${path} to finish`,
    async () => {
      last = await call(url, 'GET', path);
      return last.status === 200 && last.json.state !== 'IN_PROGRESS';
    },
    { timeoutMs, intervalMs: 50 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last answer: ${last?.text}`);
  });
  return last!;
}
