import { Redis } from 'ioredis';
import { DaemonHandle } from '../support/daemon.js';
import { httpRequest } from '../support/http.js';
import { waitFor } from '../support/processes.js';
import { TestRedis } from '../support/redis-server.js';
import { call, CoordinatedEnv, waitForCoordinated } from './coordinated-env.js';

const MAX_ID = '9223372036854775807';

/** Coordinated backups consistent under concurrency, hostile requests and Redis outages (issue 17). */
describe.each(['elasticsearch', 'opensearch'] as const)('coordinated integrity on %s', (flavor) => {
  let env: CoordinatedEnv;

  beforeAll(async () => {
    env = await CoordinatedEnv.start(flavor);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('runs one coordinated backup at a time across two daemons: one pause window per backup', async () => {
    // A lease far longer than any step: this test is about exclusivity, not the lease watchdog, and a
    // short lease can lapse on a loaded 2-core machine.
    const first = await env.startDaemon({ ZEEBE_PAUSE_LEASE_MS: '15000' });
    const second = await env.startDaemon({ ZEEBE_PAUSE_LEASE_MS: '15000' }, first.queuePrefix);
    await env.zeebe('DELETE', '/_zeebe/events').catch(() => undefined);
    const ids = [0, 1, 2, 3, 4, 5].map((n) => `17964000${n}`);
    const answers = await Promise.all(
      ids.map((id, n) =>
        call((n % 2 === 0 ? first : second).orchestratorUrl, 'POST', '/api/v1/backups', { backupId: id }),
      ),
    );
    const accepted = answers.filter((answer) => answer.status === 202);
    expect(accepted).toHaveLength(1);
    for (const refused of answers.filter((answer) => answer.status !== 202)) {
      expect(refused.status).toBe(409);
      expect(refused.json.message).toMatch(/still in progress/);
    }
    // A restore is refused the same way while the backup runs.
    const restore = await call(second.orchestratorUrl, 'POST', '/api/v1/restores', { backupId: ids[0] });
    expect(restore.status).toBe(409);

    const id = String(accepted[0]!.json.backupId);
    expect((await waitForCoordinated(first.orchestratorUrl, id)).state).toBe('COMPLETED');
    const windows = (await env.zeebe('GET', '/_zeebe/pause-windows')).json as Array<{
      resumedSeq: number | null;
      backupIds: Array<string | number>;
    }>;
    const withBackups = windows.filter((window) => window.backupIds.length > 0);
    expect(withBackups).toHaveLength(1);
    expect(withBackups[0]!.backupIds.map(String)).toEqual([id]);
    expect(withBackups[0]!.resumedSeq).not.toBeNull();

    // The next one is accepted once the first has finished.
    const next = await call(second.orchestratorUrl, 'POST', '/api/v1/backups', {});
    expect(next.status).toBe(202);
    expect((await waitForCoordinated(second.orchestratorUrl, String(next.json.backupId))).state).toBe(
      'COMPLETED',
    );
  });

  it('refuses a default ID beyond 2^63-1 and keeps listing', async () => {
    const daemon = await env.startDaemon();
    const created = await call(daemon.componentUrl('optimize'), 'POST', '/actuator/backups', {
      backupId: MAX_ID,
    });
    expect(created.status).toBe(202);
    await waitFor('the optimize backup to finish', async () => {
      const answer = await call(daemon.componentUrl('optimize'), 'GET', `/actuator/backups/${MAX_ID}`);
      return answer.json?.state === 'COMPLETE';
    });
    const refused = await call(daemon.orchestratorUrl, 'POST', '/api/v1/backups', {});
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/No default backup ID is left/);
    const list = await call(daemon.orchestratorUrl, 'GET', '/api/v1/backups');
    expect(list.status).toBe(200);
    expect(
      (await call(daemon.componentUrl('optimize'), 'DELETE', `/actuator/backups/${MAX_ID}`)).status,
    ).toBe(204);
  });

  it('reports and skips an unreadable stored record, and deletes it through the API', async () => {
    const daemon = await env.startDaemon();
    const redis = new Redis(daemon.redisUrl);
    try {
      const prefix = `${daemon.queuePrefix}:coordinated`;
      await redis.set(`${prefix}:4242`, '{"backupId": not json');
      await redis.sadd(`${prefix}:ids`, '4242', '9223372036854775808');
      const list = await call(daemon.orchestratorUrl, 'GET', '/api/v1/backups');
      expect(list.status).toBe(200);
      expect(list.json.backups.map((b: { backupId: number }) => String(b.backupId))).not.toContain('4242');
      await waitFor('the unreadable record to be reported', async () =>
        /unreadable.*DELETE \/api\/v1\/backups\/4242 removes it/.test(daemon.process.logs),
      );
      expect((await call(daemon.orchestratorUrl, 'GET', '/api/v1/backups/4242')).status).toBe(409);
      expect((await call(daemon.orchestratorUrl, 'DELETE', '/api/v1/backups/4242')).status).toBe(204);
      expect(await redis.exists(`${prefix}:4242`)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('reuses an ID whose snapshots were deleted outside the daemon', async () => {
    const daemon = await env.startDaemon();
    const operate = daemon.componentUrl('operate');
    expect((await call(operate, 'POST', '/actuator/backups', { backupId: 2501 })).status).toBe(200);
    await waitFor('operate backup 2501', async () => {
      return (await call(operate, 'GET', '/actuator/backups/2501')).json?.state === 'COMPLETED';
    });
    expect(
      (await env.datastore('DELETE', `/_snapshot/${env.repository}/camunda_operate_2501_*`)).status,
    ).toBe(200);
    const again = await call(operate, 'POST', '/actuator/backups', { backupId: 2501 });
    expect(again.status).toBe(200);
    await waitFor('operate backup 2501 again', async () => {
      return (await call(operate, 'GET', '/actuator/backups/2501')).json?.state === 'COMPLETED';
    });
    // An ID whose snapshots exist still blocks.
    expect((await call(operate, 'POST', '/actuator/backups', { backupId: 2501 })).status).toBe(400);
  });
});

describe('coordinated API requests', () => {
  let env: CoordinatedEnv;
  let daemon: DaemonHandle;

  beforeAll(async () => {
    env = await CoordinatedEnv.start('elasticsearch');
    daemon = await env.startDaemon();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('takes JSON bodies only, and answers bad shapes with 400 in its one error shape', async () => {
    const url = `${daemon.orchestratorUrl}/api/v1/backups`;
    const plain = await httpRequest(url, {
      method: 'POST',
      body: '{"backupId":"*"}',
      contentType: 'text/plain',
    });
    expect(plain.status).toBe(415);
    const form = await httpRequest(url, {
      method: 'POST',
      body: 'backupId=6001&components=optimize',
      contentType: 'application/x-www-form-urlencoded',
      headers: { origin: 'https://evil.example' },
    });
    expect(form.status).toBe(415);
    expect(form.json).toEqual({ status: 415, error: 'Unsupported Media Type', message: expect.any(String) });
    const nested = await httpRequest(url, { method: 'POST', body: '['.repeat(20_000) });
    expect(nested.status).toBe(400);
    expect(nested.json.message).toMatch(/nested too deeply|not valid JSON/);
    const restore = await httpRequest(`${daemon.orchestratorUrl}/api/v1/restores`, {
      method: 'POST',
      body: 'backupId=1',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(restore.status).toBe(415);
    const unknown = await httpRequest(`${daemon.orchestratorUrl}/api/v1/nothing`);
    expect(unknown.json).toEqual({ status: 404, error: 'Not Found', message: expect.any(String) });
    for (const answer of [plain, form, nested, restore, unknown])
      expect(answer.text).not.toMatch(/node_modules|at /);
    // Nothing was started by any of them.
    expect((await call(daemon.orchestratorUrl, 'GET', '/api/v1/backups')).json.backups).toEqual([]);
  });

  it('logs no error on a normal start with ZEEBE_MANAGEMENT_URL', () => {
    const errors = daemon.process.logs
      .split('\n')
      .filter((line) => line.startsWith('{') && JSON.parse(line).level === 'error');
    expect(errors).toEqual([]);
  });
});

describe('coordinated backups and Redis outages', () => {
  let env: CoordinatedEnv;
  let redis: TestRedis;

  beforeAll(async () => {
    // Steps that last a few hundred milliseconds, so a Redis restart falls inside each.
    env = await CoordinatedEnv.start('elasticsearch', {
      SANDBOX_SNAPSHOT_MIN_MS: '300',
      SANDBOX_ZEEBE_BACKUP_MS: '300',
    });
    redis = await TestRedis.start();
  });

  afterAll(async () => {
    await env?.close();
    await redis?.close();
  });

  it.each([
    'pause-exporting',
    'optimize',
    'operate',
    'tasklist',
    'zeebe-records',
    'zeebe-backup',
    'resume-exporting',
  ])(
    'survives a Redis restart during step %s, and exporting is resumed',
    async (step) => {
      const own = await DaemonHandle.start({
        datastoreUrl: env.sandbox.url,
        datastoreType: 'elasticsearch',
        redisUrl: redis.url,
        env: {
          BACKUP_REPOSITORY_NAME: env.repository,
          ZEEBE_MANAGEMENT_URL: env.zeebeUrl,
          ZEEBE_PAUSE_LEASE_MS: '30000',
        },
      });
      try {
        const created = await call(own.orchestratorUrl, 'POST', '/api/v1/backups', {});
        expect(created.status).toBe(202);
        const id = String(created.json.backupId);
        await waitFor(
          `step ${step} to run`,
          async () => {
            const view = await call(own.orchestratorUrl, 'GET', `/api/v1/backups/${id}`);
            const state = view.json?.steps?.find((s: { step: string }) => s.step === step)?.state;
            return state === 'IN_PROGRESS' || state === 'COMPLETED';
          },
          { timeoutMs: 30_000, intervalMs: 20 },
        );
        await redis.kill();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await redis.launch();
        const done = await waitForCoordinated(own.orchestratorUrl, id, 60_000);
        expect(done.state, JSON.stringify(done)).toBe('COMPLETED');
        expect(await env.exportingState()).toBe('RUNNING');
        expect(done.steps.every((s: { state: string }) => s.state === 'COMPLETED')).toBe(true);
      } finally {
        await own.close();
      }
    },
    90_000,
  );

  it('answers 503 without a stack trace while Redis is down, and SIGTERM still exits within SHUTDOWN_GRACE_MS', async () => {
    const own = await DaemonHandle.start({
      datastoreUrl: env.sandbox.url,
      datastoreType: 'elasticsearch',
      redisUrl: redis.url,
      env: {
        BACKUP_REPOSITORY_NAME: env.repository,
        ZEEBE_MANAGEMENT_URL: env.zeebeUrl,
        SHUTDOWN_GRACE_MS: '4000',
      },
    });
    await redis.kill();
    try {
      const answers = [
        await call(own.orchestratorUrl, 'POST', '/api/v1/backups', {}),
        await call(own.orchestratorUrl, 'GET', '/api/v1/backups'),
        await call(own.orchestratorUrl, 'GET', '/api/v1/backups/5'),
        await call(own.orchestratorUrl, 'POST', '/api/v1/restores', { backupId: 5 }),
        await call(own.orchestratorUrl, 'GET', '/api/v1/restores/5'),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(answer.json.message).toMatch(/Redis is unavailable/);
        expect(answer.text).not.toMatch(/node_modules|Error: /);
      }
      // While it runs, an outage is logged once per connection kind, not per reconnect attempt.
      const outageLines = own.process.logs
        .split('\n')
        .filter((line) => /ECONNREFUSED|unreachable/.test(line));
      expect(outageLines.length).toBeLessThanOrEqual(8);
      const started = Date.now();
      own.process.child.kill('SIGTERM');
      await own.process.waitForExit();
      expect(Date.now() - started).toBeLessThan(4000 + 1500);
    } finally {
      await redis.launch();
      await own.close();
    }
  });
});
