import { Redis } from 'ioredis';
import { waitFor } from '../support/processes.js';
import { call, CoordinatedEnv, waitForCoordinated } from './coordinated-env.js';

/** 00:00 UTC on the next 1 January: the next tick of "0 0 1 1 *". */
function nextNewYear(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 1)).toISOString();
}

describe.each(['elasticsearch', 'opensearch'] as const)('GET/POST /api/v1/schedules on %s', (flavor) => {
  let env: CoordinatedEnv;

  beforeAll(async () => {
    env = await CoordinatedEnv.start(flavor);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('lists no schedule without BACKUP_SCHEDULE, and "run now" of any name is 404', async () => {
    const daemon = await env.startDaemon();
    expect((await call(daemon.orchestratorUrl, 'GET', '/api/v1/schedules')).json).toEqual([]);
    const unknown = await call(daemon.orchestratorUrl, 'POST', '/api/v1/schedules/coordinated/run', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ status: 404, message: expect.stringMatching(/BACKUP_SCHEDULE/) });
    expect(unknown.json.error).toEqual(expect.any(String));
    await daemon.stop();
  });

  it('shows cron, time zone, next run and retention; "run now" starts a backup, applies retention and is the last run after a restart', async () => {
    const settings = {
      BACKUP_SCHEDULE: '0 0 1 1 *',
      BACKUP_RETENTION_COUNT: '1',
      BACKUP_RETENTION_MAX_AGE: '30d',
    };
    const daemon = await env.startDaemon(settings);
    const url = daemon.orchestratorUrl;
    expect((await call(url, 'GET', '/api/v1/schedules')).json).toEqual([
      {
        name: 'coordinated',
        cron: '0 0 1 1 *',
        timeZone: 'UTC',
        nextRunAt: nextNewYear(),
        retention: { count: 1, maxAge: '30d' },
        lastRun: null,
      },
    ]);
    const wrongName = await call(url, 'POST', '/api/v1/schedules/nightly/run', {});
    expect(wrongName.status).toBe(404);
    expect(wrongName.json.message).toMatch(/No schedule named "nightly".*"coordinated"/);

    const ids: string[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = await call(url, 'POST', '/api/v1/schedules/coordinated/run', {});
      expect(started.status).toBe(202);
      const id = /"backupId":(\d+)/.exec(started.text)![1]!;
      ids.push(id);
      if (run === 0) {
        // While that backup runs, "run now" is refused and changes nothing.
        const refused = await call(url, 'POST', '/api/v1/schedules/coordinated/run', {});
        expect(refused.status).toBe(409);
        expect(refused.json.message).toMatch(new RegExp(`${id}.*in progress`));
        const [schedule] = (await call(url, 'GET', '/api/v1/schedules')).json;
        expect(schedule.lastRun).toMatchObject({ outcome: 'IN_PROGRESS', reason: null });
        expect(String(schedule.lastRun.backupId)).toBe(id);
      }
      if (run === 2) {
        // Retention after the third: count 1 deletes the oldest; the second (newest COMPLETED) stays.
        expect(started.json.retention).toEqual({ deleted: [Number(ids[0])], error: null });
      }
      expect((await waitForCoordinated(url, id)).state).toBe('COMPLETED');
    }
    expect((await call(url, 'GET', `/api/v1/backups/${ids[0]}`)).status).toBe(404);
    expect((await call(url, 'GET', `/api/v1/backups/${ids[1]}`)).status).toBe(200);
    expect((await call(url, 'GET', `/api/v1/backups/${ids[2]}`)).json.trigger).toBe('schedule');
    await daemon.stop();

    const restarted = await env.startDaemon(settings, daemon.queuePrefix);
    const [schedule] = (await call(restarted.orchestratorUrl, 'GET', '/api/v1/schedules')).json;
    expect(schedule.lastRun).toMatchObject({
      outcome: 'COMPLETED',
      reason: null,
      retention: { deleted: [Number(ids[0])], error: null },
    });
    expect(String(schedule.lastRun.backupId)).toBe(ids[2]);
    expect(Date.parse(schedule.lastRun.at)).toBeGreaterThan(Date.now() - 60_000);
    // A last-run backup whose stored record cannot be read is UNKNOWN; one deleted since, DELETED.
    const redis = new Redis(restarted.redisUrl);
    try {
      const recordKey = `${restarted.queuePrefix}:coordinated:${ids[2]}`;
      const record = (await redis.get(recordKey))!;
      await redis.set(recordKey, '{"backupId": not json');
      const [unreadable] = (await call(restarted.orchestratorUrl, 'GET', '/api/v1/schedules')).json;
      expect(unreadable.lastRun).toMatchObject({
        outcome: 'UNKNOWN',
        reason: expect.stringMatching(/DELETE/),
      });
      await redis.set(recordKey, record);
    } finally {
      redis.disconnect();
    }
    expect((await call(restarted.orchestratorUrl, 'DELETE', `/api/v1/backups/${ids[2]}`)).status).toBe(204);
    const [afterDelete] = (await call(restarted.orchestratorUrl, 'GET', '/api/v1/schedules')).json;
    expect(afterDelete.lastRun).toMatchObject({
      outcome: 'DELETED',
      reason: `Backup ${ids[2]} no longer exists`,
    });
    await restarted.stop();
  });

  it('records each tick as the last run', async () => {
    const daemon = await env.startDaemon({ BACKUP_SCHEDULE: '* * * * * *' });
    let schedule: any;
    await waitFor(
      'a tick to start a backup',
      async () => {
        [schedule] = (await call(daemon.orchestratorUrl, 'GET', '/api/v1/schedules')).json;
        return schedule.lastRun?.backupId !== undefined && schedule.lastRun.backupId !== null;
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    expect(schedule).toMatchObject({ cron: '* * * * * *', retention: { count: null, maxAge: null } });
    expect(['IN_PROGRESS', 'COMPLETED']).toContain(schedule.lastRun.outcome);
    expect(Date.parse(schedule.nextRunAt)).toBeGreaterThan(Date.parse(schedule.lastRun.at));
    expect(schedule.lastRun.retention).toBeNull();
    await daemon.stop();
  });
});
