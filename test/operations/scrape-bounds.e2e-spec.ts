import { randomUUID } from 'node:crypto';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { BackupApiClient } from '../orchestrator/backup-api-client.js';
import { DaemonHandle } from '../support/daemon.js';
import { TestRedis } from '../support/redis-server.js';
import { SandboxHandle } from '../support/sandbox.js';
import { waitFor } from '../support/processes.js';
import { scrape, seriesOf } from './prometheus-text.js';

const OUTCOME_METRICS = [
  'camunda_backup_last_',
  'camunda_backup_consecutive_failures',
  'camunda_backup_duration_',
];

/** The outcome metrics are read from Redis at each scrape: a Redis that hangs must not hang the scrape. */
describe('scraping while Redis hangs', () => {
  let sandbox: SandboxHandle;
  let redis: TestRedis;
  let daemon: DaemonHandle;
  const repository = `cbo-scrape-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    [sandbox, redis] = await Promise.all([SandboxHandle.start(), TestRedis.start()]);
    await seedCamundaIndices(sandbox.url, { docsPerIndex: 1 });
    await fetch(`${sandbox.url}/_snapshot/${repository}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'fs', settings: { location: repository } }),
    });
    daemon = await DaemonHandle.start({
      datastoreUrl: sandbox.url,
      datastoreType: 'elasticsearch',
      env: { REDIS_URL: redis.url, BACKUP_REPOSITORY_NAME: repository },
    });
  });

  afterAll(async () => {
    if (redis?.process.isRunning) redis.process.child.kill('SIGCONT');
    await daemon?.stop();
    await redis?.close();
    await sandbox?.close();
  });

  it('answers within the bound without the outcome metrics, and has them again once Redis answers', async () => {
    const operate = new BackupApiClient(daemon.componentUrl('operate'));
    expect((await operate.create(1)).status).toBe(200);
    expect((await operate.waitUntilFinished('1')).state).toBe('COMPLETED');
    let before: Record<string, number> = {};
    await waitFor('the outcome in the metrics', async () => {
      before = seriesOf(await scrape(daemon.orchestratorUrl), OUTCOME_METRICS);
      return before['camunda_backup_last_success_timestamp_seconds{component="operate"}'] !== undefined;
    });

    redis.process.child.kill('SIGSTOP');
    try {
      const started = Date.now();
      const samples = await scrape(daemon.orchestratorUrl);
      const tookMs = Date.now() - started;
      // Each read from Redis is bounded by 1 s, and they run side by side.
      expect(tookMs).toBeLessThan(3000);
      expect(seriesOf(samples, OUTCOME_METRICS)).toEqual({});
      expect(samples.some((sample) => sample.name === 'process_cpu_seconds_total')).toBe(true);
    } finally {
      redis.process.child.kill('SIGCONT');
    }
    await waitFor('the outcome metrics back', async () => {
      const after = seriesOf(await scrape(daemon.orchestratorUrl), OUTCOME_METRICS);
      return JSON.stringify(after) === JSON.stringify(before);
    });
  });
});
