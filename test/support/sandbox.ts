import { freePort, removeDir, RunningProcess, spawnApp, tempDir, waitFor } from './processes.js';

export type Flavor = 'elasticsearch' | 'opensearch';

export interface SandboxOptions {
  flavor?: Flavor;
  /** Extra environment, e.g. SANDBOX_SNAPSHOT_MS_PER_DOC. */
  env?: Record<string, string>;
}

/**
 * A sandbox datastore process on a free port with its own data and repository folders.
 * `restart()` keeps the folders, so state surviving a restart can be checked.
 */
export class SandboxHandle {
  process!: RunningProcess;
  readonly dataDir = tempDir('sandbox-data');
  readonly repoRoot = tempDir('sandbox-repo');

  private constructor(
    readonly port: number,
    readonly flavor: Flavor,
    private readonly env: Record<string, string>,
  ) {}

  static async start(options: SandboxOptions = {}): Promise<SandboxHandle> {
    const handle = new SandboxHandle(await freePort(), options.flavor ?? 'elasticsearch', options.env ?? {});
    await handle.launch();
    return handle;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async launch(): Promise<void> {
    this.process = spawnApp('sandbox', {
      SANDBOX_PORT: String(this.port),
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_FLAVOR: this.flavor,
      SANDBOX_DATA_DIR: this.dataDir,
      SANDBOX_PATH_REPO: this.repoRoot,
      ...this.env,
    });
    await waitFor(`sandbox on ${this.url}`, async () => {
      if (!this.process.isRunning) throw new Error(`sandbox exited:\n${this.process.logs}`);
      const response = await fetch(`${this.url}/`);
      return response.ok;
    });
  }

  async restart(): Promise<void> {
    await this.process.stop();
    await this.launch();
  }

  /** Stops the process but keeps its folders (for outage tests); `start()` brings it back. */
  async stopProcess(): Promise<void> {
    await this.process.stop();
  }

  async startProcess(): Promise<void> {
    await this.launch();
  }

  async close(): Promise<void> {
    await this.process.stop();
    removeDir(this.dataDir);
    removeDir(this.repoRoot);
  }
}
