import { waitFor } from '../support/processes.js';
import { call, CoordinatedEnv, waitForCoordinated } from './coordinated-env.js';

describe.each(['elasticsearch', 'opensearch'] as const)(
  'Zeebe exporting and daemon crashes on %s',
  (flavor) => {
    let env: CoordinatedEnv;

    beforeAll(async () => {
      env = await CoordinatedEnv.start(flavor);
    });

    afterAll(async () => {
      await env?.close();
    });

    it('resumes exporting after the daemon running the backup is killed, and reports the backup FAILED', async () => {
      const first = await env.startDaemon();
      // The broker backup never finishes: the daemon is killed while exporting is paused.
      await env.zeebe('POST', '/_zeebe/faults', { type: 'backup_outcome', outcome: 'HANG' });
      const created = await call(first.orchestratorUrl, 'POST', '/api/v1/backups', {});
      expect(created.status).toBe(202);
      const id = String(created.json.backupId);
      await waitFor(
        'the Zeebe backup to start',
        async () => (await env.zeebe('GET', `/actuator/backups/${id}`)).status === 200,
      );
      expect(await env.exportingState()).toBe('SOFT_PAUSED');
      await first.process.kill();

      const second = await env.startDaemon({}, first.queuePrefix);
      // The lease (4 s) runs out, then the watchdog waits one more lease period before resuming.
      await waitFor('exporting to be resumed', async () => (await env.exportingState()) === 'RUNNING', {
        timeoutMs: 20_000,
      });
      const view = await call(second.orchestratorUrl, 'GET', `/api/v1/backups/${id}`);
      expect(view.json.state).toBe('FAILED');
      expect(view.json.failureReason).toMatch(/stopped while Zeebe exporting was paused/);
      const calls = (await env.requests()).filter((r) => r.path.startsWith('/actuator/exporting'));
      expect(calls.at(-1)?.path).toBe('/actuator/exporting/resume');
    });

    it('skips the Zeebe steps when ZEEBE_MANAGEMENT_URL is not set, and says so', async () => {
      const daemon = await env.startDaemon({ ZEEBE_MANAGEMENT_URL: '' });
      const created = await call(daemon.orchestratorUrl, 'POST', '/api/v1/backups', {});
      expect(created.status).toBe(202);
      expect(created.json.zeebe).toEqual({
        included: false,
        reason: expect.stringMatching(/ZEEBE_MANAGEMENT_URL is not set/),
      });
      expect(created.json.steps).toEqual(['optimize', 'operate', 'tasklist']);
      const done = await waitForCoordinated(daemon.orchestratorUrl, String(created.json.backupId));
      expect(done.state, JSON.stringify(done)).toBe('COMPLETED');
      expect(done.components.zeebe).toBeUndefined();
      const refused = await call(daemon.orchestratorUrl, 'POST', '/api/v1/backups', {
        components: ['zeebe'],
      });
      expect(refused.status).toBe(400);
      expect(refused.json.message).toMatch(/ZEEBE_MANAGEMENT_URL/);
    });
  },
);
