import { randomUUID } from 'node:crypto';
import { DaemonHandle } from '../support/daemon.js';
import { SandboxHandle } from '../support/sandbox.js';
import { waitFor } from '../support/processes.js';
import { get } from './http.js';
import { TestRedis } from '../support/redis-server.js';

/** Actuator health against the sandbox and a Redis of its own, both stopped and started again. */
describe('actuator health', () => {
  let sandbox: SandboxHandle;
  let redis: TestRedis;
  let daemon: DaemonHandle;
  const repository = `cbo-health-${randomUUID().slice(0, 8)}`;

  const createRepository = async (): Promise<void> => {
    const response = await fetch(`${sandbox.url}/_snapshot/${repository}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'fs', settings: { location: repository } }),
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    [sandbox, redis] = await Promise.all([SandboxHandle.start(), TestRedis.start()]);
    await createRepository();
    daemon = await DaemonHandle.start({
      datastoreUrl: sandbox.url,
      datastoreType: 'elasticsearch',
      env: { REDIS_URL: redis.url, BACKUP_REPOSITORY_NAME: repository, HEALTH_CHECK_TIMEOUT_MS: '1000' },
    });
  });

  afterAll(async () => {
    await daemon?.stop();
    await redis?.close();
    await sandbox?.close();
  });

  const urls = (): Record<string, string> => ({
    orchestrator: daemon.orchestratorUrl,
    operate: daemon.componentUrl('operate'),
    optimize: daemon.componentUrl('optimize'),
    tasklist: daemon.componentUrl('tasklist'),
  });

  /** Polls readiness on every listener until all answer `status` (the time it took is returned). */
  async function readinessBecomes(status: 'UP' | 'DOWN', timeoutMs: number): Promise<number> {
    const started = Date.now();
    await waitFor(
      `readiness ${status} on every listener`,
      async () => {
        const answers = await Promise.all(
          Object.values(urls()).map((url) => get(`${url}/actuator/health/readiness`)),
        );
        return answers.every((a) => a.json?.status === status && a.status === (status === 'UP' ? 200 : 503));
      },
      { timeoutMs, intervalMs: 100 },
    );
    return Date.now() - started;
  }

  it('is UP on every listener in Spring actuator shape, without credentials when auth is off', async () => {
    for (const [listener, url] of Object.entries(urls())) {
      const health = await get(`${url}/actuator/health`);
      expect(health.status, listener).toBe(200);
      expect(health.headers.get('content-type')).toMatch(
        /^application\/vnd\.spring-boot\.actuator\.v3\+json/,
      );
      expect(health.json.status).toBe('UP');
      expect(Object.keys(health.json.components).sort()).toEqual([
        'datastore',
        'queue',
        'redis',
        'snapshotRepository',
      ]);
      for (const component of Object.values<any>(health.json.components)) expect(component.status).toBe('UP');
      expect(health.json.components.redis.details.pong).toBe('PONG');
      expect(health.json.components.datastore.details.clusterStatus).toBe('green');

      expect((await get(`${url}/actuator/health/liveness`)).json).toEqual({ status: 'UP' });
      const readiness = await get(`${url}/actuator/health/readiness`);
      expect(Object.keys(readiness.json.components).sort()).toEqual(['datastore', 'queue', 'redis']);
    }
    // A component listener reports its own repository and queue; the orchestrator port all of them.
    const operate = await get(`${daemon.componentUrl('operate')}/actuator/health`);
    expect(Object.keys(operate.json.components.queue.details)).toEqual(['operate', 'responseTime']);
    const all = await get(`${daemon.orchestratorUrl}/actuator/health`);
    expect(all.json.components.snapshotRepository.details).toMatchObject({
      optimize: repository,
      operate: repository,
      tasklist: repository,
    });
    // Management auth is off by default: the daemon's other endpoints answer without credentials.
    expect((await get(`${daemon.orchestratorUrl}/`)).status).toBe(200);
    expect((await get(`${daemon.orchestratorUrl}/actuator/prometheus`)).status).toBe(200);
  });

  it('goes DOWN within seconds when the datastore dies, and UP again when it is back', async () => {
    await sandbox.stopProcess();
    const tookMs = await readinessBecomes('DOWN', 5000);
    expect(tookMs).toBeLessThan(5000);
    const down = await get(`${daemon.componentUrl('tasklist')}/actuator/health`);
    expect(down.status).toBe(503);
    expect(down.json.components.datastore.status).toBe('DOWN');
    expect(down.json.components.datastore.details.message).toEqual(expect.any(String));
    expect(down.json.components.redis.status).toBe('UP');
    expect((await get(`${daemon.componentUrl('tasklist')}/actuator/health/liveness`)).status).toBe(200);

    await sandbox.startProcess();
    await readinessBecomes('UP', 10_000);
  });

  it('goes DOWN when Redis dies, and UP again when it is back', async () => {
    await redis.kill();
    await readinessBecomes('DOWN', 5000);
    const down = await get(`${daemon.orchestratorUrl}/actuator/health`);
    expect(down.status).toBe(503);
    expect(down.json.components.redis.status).toBe('DOWN');
    expect(down.json.components.queue.status).toBe('DOWN');
    expect(down.json.components.datastore.status).toBe('UP');

    await redis.launch();
    await readinessBecomes('UP', 15_000);
  });

  it('reports a snapshot repository that disappeared as DOWN in the full health only', async () => {
    await fetch(`${sandbox.url}/_snapshot/${repository}`, { method: 'DELETE' });
    const health = await get(`${daemon.componentUrl('optimize')}/actuator/health`);
    expect(health.status).toBe(503);
    expect(health.json.components.snapshotRepository).toMatchObject({ status: 'DOWN' });
    expect(health.json.components.snapshotRepository.details.message).toContain('optimize');
    expect((await get(`${daemon.componentUrl('optimize')}/actuator/health/readiness`)).status).toBe(200);

    await createRepository();
    expect((await get(`${daemon.componentUrl('optimize')}/actuator/health`)).status).toBe(200);
  });
});
