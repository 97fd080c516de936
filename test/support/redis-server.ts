import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort, removeDir, RunningProcess, tempDir, waitFor } from './processes.js';

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * A Redis of the test's own on a free port, with AOF (fsync always) so a kill and restart keeps the
 * queue, as a production Redis with AOF would.
 */
export class TestRedis {
  process!: RunningProcess;
  private readonly dir = tempDir('redis');

  private constructor(readonly port: number) {}

  static async start(): Promise<TestRedis> {
    const redis = new TestRedis(await freePort());
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async launch(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--dir',
        this.dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = new RunningProcess('redis', child);
    await waitFor(`redis on ${this.port}`, () => answersPing(this.port), { timeoutMs: 10_000 });
  }

  async kill(): Promise<void> {
    await this.process.kill();
  }

  async close(): Promise<void> {
    await this.process.kill();
    removeDir(this.dir);
  }
}
