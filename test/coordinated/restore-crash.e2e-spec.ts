import { CAMUNDA_INDICES } from '../../scripts/camunda-indices.mjs';
import { FAST_RECOVERY_ENV } from '../crash-safety/crash-safety-helpers.js';
import type { DaemonHandle } from '../support/daemon.js';
import { waitFor } from '../support/processes.js';
import { call, CoordinatedEnv, waitForCoordinated, ZEEBE_RECORD_INDICES } from './coordinated-env.js';

const ALL_INDICES = [...Object.values(CAMUNDA_INDICES).flat(), ...ZEEBE_RECORD_INDICES];
/** An index with many documents: its snapshot restores for seconds, the others in a fraction of one. */
const HEAVY_INDEX = CAMUNDA_INDICES.operate[1]!;
const HEAVY_DOCUMENTS = 400;

async function waitForRestore(daemon: DaemonHandle, id: string): Promise<any> {
  let last: any;
  await waitFor(
    `restore ${id}`,
    async () => {
      last = (await call(daemon.orchestratorUrl, 'GET', `/api/v1/restores/${id}`)).json;
      return last.state === 'COMPLETED' || last.state === 'FAILED';
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  return last;
}

describe.each(['elasticsearch', 'opensearch'] as const)(
  'a restore whose daemon is killed on %s',
  (flavor) => {
    let env: CoordinatedEnv;

    async function counts(): Promise<Record<string, number>> {
      const result: Record<string, number> = {};
      for (const index of ALL_INDICES) {
        const answer = await env.datastore('GET', `/${index}/_count`);
        result[index] = answer.status === 200 ? answer.json.count : -1;
      }
      return result;
    }

    beforeAll(async () => {
      // Each restored index recovers for 150 ms + 15 ms per document: ~6 s for the heavy one.
      env = await CoordinatedEnv.start(flavor, {
        SANDBOX_RESTORE_MIN_MS: '150',
        SANDBOX_RESTORE_MS_PER_DOC: '15',
      });
      const lines = Array.from(
        { length: HEAVY_DOCUMENTS },
        (_, n) => `{"index":{"_id":"heavy-${n}"}}\n{"n":${n}}\n`,
      ).join('');
      const bulk = await call(env.sandbox.url, 'POST', `/${HEAVY_INDEX}/_bulk?refresh=true`, lines);
      if (bulk.status !== 200 || bulk.json.errors) throw new Error(`bulk: ${bulk.text.slice(0, 300)}`);
    });

    afterAll(async () => {
      await env?.close();
    });

    it('resumes after a SIGKILL mid-restore: every index back with its documents, each snapshot restored once', async () => {
      const first = await env.startDaemon(FAST_RECOVERY_ENV);
      const created = await call(first.orchestratorUrl, 'POST', '/api/v1/backups', {});
      const id = String(created.json.backupId);
      expect((await waitForCoordinated(first.orchestratorUrl, id)).state).toBe('COMPLETED');
      const atBackup = await counts();
      expect(atBackup[HEAVY_INDEX]).toBe(HEAVY_DOCUMENTS + 2);
      // Written after the backup: the restore deletes these indices first, and brings the backup back.
      await env.datastore('PUT', `/${HEAVY_INDEX}/_doc/later?refresh=true`, { later: true });
      await env.datastore('PUT', `/${CAMUNDA_INDICES.tasklist[0]}/_doc/later?refresh=true`, { later: true });

      const listing = await env.datastore('GET', `/_snapshot/${env.repository}/*${id}*`);
      const heavySnapshot: string = listing.json.snapshots.find((s: any) =>
        s.indices.includes(HEAVY_INDEX),
      ).snapshot;
      await env.datastore('DELETE', '/_sandbox/requests');
      const accepted = await call(first.orchestratorUrl, 'POST', '/api/v1/restores', {
        backupId: id,
        deleteExistingIndices: true,
      });
      expect(accepted.status).toBe(202);
      expect(accepted.json.snapshots).toContain(heavySnapshot);

      const heavyRestore = `/_snapshot/${env.repository}/${heavySnapshot}/_restore`;
      await waitFor(
        `the restore of ${heavySnapshot} to be sent`,
        async () => (await env.requests()).some((r) => r.path === heavyRestore),
        { timeoutMs: 30_000, intervalMs: 20 },
      );
      const recovering = await env.datastore('GET', `/${HEAVY_INDEX}/_recovery`);
      expect(recovering.json[HEAVY_INDEX].shards[0]).toMatchObject({
        type: 'SNAPSHOT',
        stage: expect.not.stringMatching(/^DONE$/),
      });
      await first.kill();

      const second = await env.startDaemon(FAST_RECOVERY_ENV, first.queuePrefix);
      const done = await waitForRestore(second, id);
      expect(done.failureReason).toBeNull();
      expect(done.state, JSON.stringify(done)).toBe('COMPLETED');
      expect(done.steps.every((step: any) => step.state === 'RESTORED')).toBe(true);
      expect(done.deletedIndices).toBe(ALL_INDICES.length);
      expect(await counts()).toEqual(atBackup);

      const log = await env.requests();
      const restores = log.filter((r) => r.method === 'POST' && r.path.endsWith('/_restore'));
      // Each snapshot exactly once, in plan order, none of them a call that blocks until it is done.
      // A part that holds no index (here a dated-indices part) has nothing to restore and is not sent.
      const holdingIndices = new Set<string>(
        listing.json.snapshots.filter((s: any) => s.indices.length > 0).map((s: any) => s.snapshot),
      );
      expect(holdingIndices.size).toBeLessThan(accepted.json.snapshots.length);
      expect(restores.map((r) => r.path.split('/')[3])).toEqual(
        accepted.json.snapshots.filter((name: string) => holdingIndices.has(name)),
      );
      expect(restores.every((r) => r.query.wait_for_completion === 'false')).toBe(true);
      // Nothing deleted once restoring began: the resumed run did not delete what was restored.
      expect(log.slice(log.indexOf(restores[0]!)).filter((r) => r.method === 'DELETE')).toEqual([]);
      expect(log.some((r) => r.path === `/${HEAVY_INDEX}/_recovery` || r.path.endsWith('/_recovery'))).toBe(
        true,
      );
      expect(second.process.logs).toMatch(
        /resuming with \d+ of \d+ snapshots restored, \S+ possibly started/,
      );
      expect(second.process.logs).toContain(
        `The restore of ${heavySnapshot} was started before: following it`,
      );
    });
  },
);
