import { waitForCoordinated } from '../coordinated/coordinated-env.js';
import { call, OrchestrationClusterEnv } from './orchestration-cluster-env.js';

/**
 * The Zeebe client by generation beyond 8.8 (issue #12 item 3): 8.9+ answers exporting calls with
 * 200 and the outcome in the body's `status`, and reads a deleted backup as DELETED; a cluster whose
 * backup scheduler (continuous backups) is on refuses explicit IDs, which the daemon reports with
 * the fix instead of retrying.
 */
describe.each(['elasticsearch', 'opensearch'] as const)(
  'coordinated backups against Camunda 8.9+ (%s)',
  (flavor) => {
    describe('8.9', () => {
      let env: OrchestrationClusterEnv;

      beforeAll(async () => {
        env = await OrchestrationClusterEnv.start(flavor, '8.9.0');
      });

      afterAll(async () => {
        await env?.close();
      });

      it('pauses and resumes exporting through 200 + body status, and deletes the Zeebe backup', async () => {
        const cluster = await env.startDaemon();
        const created = await call(cluster.daemon.orchestratorUrl, 'POST', '/api/v1/backups', {});
        expect(created.status).toBe(202);
        const id = String(created.json.backupId);
        const done = await waitForCoordinated(cluster.daemon.orchestratorUrl, id);
        expect(done.state, JSON.stringify(done)).toBe('COMPLETED');
        expect(done.steps.every((s: { state: string }) => s.state === 'COMPLETED')).toBe(true);
        // 8.9+ answered the exporting calls with 200 and the outcome in the body.
        const events = (await env.zeebe('GET', '/_zeebe/events')).json as Array<Record<string, unknown>>;
        const exporting = events.filter((e) => e.operation === 'soft-pause' || e.operation === 'resume');
        expect(exporting.map((e) => [e.operation, e.status, e.bodyStatus])).toEqual([
          ['soft-pause', 200, 204],
          ['resume', 200, 204],
        ]);
        expect((await env.zeebe('GET', '/_zeebe/state')).json.exporting).toBe('EXPORTING');

        expect((await call(cluster.daemon.orchestratorUrl, 'DELETE', `/api/v1/backups/${id}`)).status).toBe(
          204,
        );
        // 8.9+ keeps a deleted backup's ID and reads it DELETED.
        expect((await env.zeebe('GET', `/actuator/backupRuntime/${id}`)).json.state).toBe('DELETED');
        expect((await call(cluster.daemon.orchestratorUrl, 'GET', `/api/v1/backups/${id}`)).status).toBe(404);
      });
    });

    describe('8.10 with continuous backups on', () => {
      let env: OrchestrationClusterEnv;

      beforeAll(async () => {
        env = await OrchestrationClusterEnv.start(flavor, '8.10.0', {
          sandboxEnv: { SANDBOX_ZEEBE_CONTINUOUS_BACKUPS: 'true' },
        });
      });

      afterAll(async () => {
        await env?.close();
      });

      it('reports the scheduler with the fix, once, and resumes exporting', async () => {
        const cluster = await env.startDaemon();
        const created = await call(cluster.daemon.orchestratorUrl, 'POST', '/api/v1/backups', {});
        expect(created.status).toBe(202);
        const id = String(created.json.backupId);
        const done = await waitForCoordinated(cluster.daemon.orchestratorUrl, id);
        expect(done.state).toBe('FAILED');
        expect(done.failureReason).toMatch(
          /backup scheduler \(continuous backups\) is on.*Turn the scheduler off/,
        );
        const zeebeStep = done.steps.find((s: { step: string }) => s.step === 'zeebe-backup');
        expect(zeebeStep.state).toBe('FAILED');
        expect((await env.zeebe('GET', '/_zeebe/state')).json.exporting).toBe('EXPORTING');
        const events = (await env.zeebe('GET', '/_zeebe/events')).json as Array<Record<string, unknown>>;
        // Not retried: a configuration to change, not an outage.
        expect(events.filter((e) => e.operation === 'take-backup')).toHaveLength(1);
      });
    });
  },
);
