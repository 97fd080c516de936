import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CoordinatedEnv } from '../coordinated/coordinated-env.js';
import { waitForCoordinated } from '../coordinated/coordinated-env.js';
import { waitFor } from '../support/processes.js';
import { call, OrchestrationClusterEnv, waitForState } from './orchestration-cluster-env.js';

const run = promisify(execFile);

/** Camunda's documented 8.8 backup procedure (facts 8.8+ §6.1, steps 1–10), its curl and jq loops as published. */
const DOCUMENTED_PROCEDURE = String.raw`
set -euo pipefail
BACKUP_ID=$(date +%s)
# 1. Soft-pause exporting
curl -s -XPOST "$ORCHESTRATION_CLUSTER_MANAGEMENT_API/actuator/exporting/pause?soft=true" | jq -e '.status == 204'
# 2. Web apps backup
curl -s -XPOST "$ORCHESTRATION_CLUSTER_MANAGEMENT_API/actuator/backupHistory" -H "Content-Type: application/json" -d "{\"backupId\": $BACKUP_ID}"
# 3. Optimize backup
curl -s -XPOST "$OPTIMIZE_MANAGEMENT_API/actuator/backups" -H "Content-Type: application/json" -d "{\"backupId\": $BACKUP_ID}"
# 4. Wait for the web apps
while [[ "$(curl -s "$ORCHESTRATION_CLUSTER_MANAGEMENT_API/actuator/backupHistory/$BACKUP_ID" | jq -r .state)" != "COMPLETED" ]]; do echo "Waiting..."; sleep 1; done
# 5. Wait for Optimize
while [[ "$(curl -s "$OPTIMIZE_MANAGEMENT_API/actuator/backups/$BACKUP_ID" | jq -r .state)" != "COMPLETED" ]]; do echo "Waiting..."; sleep 1; done
# 6. Snapshot the exported Zeebe records
curl -s -XPUT "$ELASTIC_ENDPOINT/_snapshot/$ELASTIC_SNAPSHOT_REPOSITORY/camunda_zeebe_records_backup_$BACKUP_ID?wait_for_completion=true" -H "Content-Type: application/json" -d '{"indices": "zeebe-record*", "feature_states": ["none"]}'
# 7. Verify it
curl -s "$ELASTIC_ENDPOINT/_snapshot/$ELASTIC_SNAPSHOT_REPOSITORY/camunda_zeebe_records_backup_$BACKUP_ID/_status" | jq -e '.snapshots[0].state == "SUCCESS"'
# 8. Zeebe backup
curl -s -XPOST "$ORCHESTRATION_CLUSTER_MANAGEMENT_API/actuator/backupRuntime" -H "Content-Type: application/json" -d "{\"backupId\": $BACKUP_ID}"
# 9. Wait for Zeebe
while [[ "$(curl -s "$ORCHESTRATION_CLUSTER_MANAGEMENT_API/actuator/backupRuntime/$BACKUP_ID" | jq -r .state)" != "COMPLETED" ]]; do echo "Waiting..."; sleep 1; done
# 10. Resume exporting
curl -s -XPOST "$ORCHESTRATION_CLUSTER_MANAGEMENT_API/actuator/exporting/resume" | jq -e '.status == 204'
echo "BACKUP_ID=$BACKUP_ID"
`;

describe.each(['elasticsearch', 'opensearch'] as const)(
  'Camunda 8.8 orchestration cluster end to end (%s)',
  (flavor) => {
    let env: OrchestrationClusterEnv;

    beforeAll(async () => {
      env = await OrchestrationClusterEnv.start(flavor, '8.8.0', {
        sandboxEnv: { SANDBOX_RESTORE_MIN_MS: '50', SANDBOX_RESTORE_MS_PER_DOC: '1' },
      });
    });

    afterAll(async () => {
      await env?.close();
    });

    it("runs Camunda's documented 8.8 procedure unchanged against the daemon", async () => {
      const cluster = await env.startDaemon({ OPTIMIZE_COMPLETE_STATE: 'COMPLETED' });
      const { stdout } = await run('bash', ['-c', DOCUMENTED_PROCEDURE], {
        timeout: 60_000,
        env: {
          ...process.env,
          ORCHESTRATION_CLUSTER_MANAGEMENT_API: cluster.clusterUrl,
          OPTIMIZE_MANAGEMENT_API: cluster.optimizeUrl,
          ELASTIC_ENDPOINT: env.sandbox.url,
          ELASTIC_SNAPSHOT_REPOSITORY: env.repository,
        },
      });
      const backupId = /BACKUP_ID=(\d+)/.exec(stdout)![1]!;
      expect((await call(cluster.clusterUrl, 'GET', `/actuator/backupHistory/${backupId}`)).json.state).toBe(
        'COMPLETED',
      );
      expect((await env.zeebe('GET', '/_zeebe/state')).json.exporting).toBe('EXPORTING');
    });

    it('takes a coordinated 8.8 backup and restores it: documents counted equal', async () => {
      const cluster = await env.startDaemon();
      const created = await call(cluster.daemon.orchestratorUrl, 'POST', '/api/v1/backups', {});
      expect(created.status).toBe(202);
      expect(created.json.steps).toEqual([
        'pause-exporting',
        'optimize',
        'webapps',
        'zeebe-records',
        'zeebe-backup',
        'resume-exporting',
      ]);
      const id = String(created.json.backupId);
      const done = await waitForCoordinated(cluster.daemon.orchestratorUrl, id);
      expect(done.state, JSON.stringify(done)).toBe('COMPLETED');
      // Zeebe took it through backupRuntime (8.8+), not the ≤ 8.7 /actuator/backups.
      expect((await env.zeebe('GET', `/actuator/backupRuntime/${id}`)).json.state).toBe('COMPLETED');

      const counts = async (): Promise<Record<string, number>> => {
        const rows = (await env.datastore('GET', '/_cat/indices/operate-*,tasklist-*,camunda-*?format=json'))
          .json;
        return Object.fromEntries(
          rows.map((row: { index: string; 'docs.count': string }) => [row.index, Number(row['docs.count'])]),
        );
      };
      const before = await counts();
      expect(Object.keys(before).length).toBeGreaterThan(30);
      await env.datastore('DELETE', '/operate-list-view-8.3.0_');
      const restore = await call(cluster.daemon.orchestratorUrl, 'POST', '/api/v1/restores', {
        backupId: id,
        components: ['webapps'],
        deleteExistingIndices: true,
      });
      expect(restore.status).toBe(202);
      // 8.8.0's layout leaves dated usage-metric and operation indices out (Camunda #47122): kept, said so.
      expect(restore.json.keptIndices).toEqual(
        expect.arrayContaining([
          'camunda-usage-metric-8.8.0_2026-06-12',
          'operate-operation-8.4.1_2026-06-12',
        ]),
      );
      await waitFor(
        'the restore to finish',
        async () => {
          const state = (await call(cluster.daemon.orchestratorUrl, 'GET', `/api/v1/restores/${id}`)).json
            .state;
          if (state === 'FAILED') throw new Error('restore failed');
          return state === 'COMPLETED';
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      expect(await counts()).toEqual(before);
    });

    it('backs up web apps and Optimize in parallel: web apps complete while an Optimize part hangs', async () => {
      const cluster = await env.startDaemon();
      const hang = { type: 'snapshot_outcome', outcome: 'HANG', snapshot: 'camunda_optimize_*' };
      expect((await env.datastore('POST', '/_sandbox/faults', hang)).status).toBe(200);
      const created = await call(cluster.daemon.orchestratorUrl, 'POST', '/api/v1/backups', {});
      expect(created.status).toBe(202);
      const id = String(created.json.backupId);
      let view: any;
      await waitFor(
        'web apps to complete beside the hanging Optimize backup',
        async () => {
          view = (await call(cluster.daemon.orchestratorUrl, 'GET', `/api/v1/backups/${id}`)).json;
          return view.components.webapps.state === 'COMPLETED';
        },
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      expect(view.components.optimize.state).toBe('IN_PROGRESS');
      // The hanging part goes away: Optimize fails, the Zeebe steps skip, exporting is resumed.
      const hanging = view.components.optimize.details.map((d: any) => d.snapshotName);
      const deleted = await env.datastore('DELETE', `/_snapshot/${env.repository}/${hanging.join(',')}`);
      expect(deleted.status).toBe(200);
      const done = await waitForCoordinated(cluster.daemon.orchestratorUrl, id);
      expect(done.state).toBe('FAILED');
      expect(done.steps.map((s: any) => [s.step, s.state])).toEqual([
        ['pause-exporting', 'COMPLETED'],
        ['optimize', 'FAILED'],
        ['webapps', 'COMPLETED'],
        ['zeebe-records', 'SKIPPED'],
        ['zeebe-backup', 'SKIPPED'],
        ['resume-exporting', 'COMPLETED'],
      ]);
      expect((await env.zeebe('GET', '/_zeebe/state')).json.exporting).toBe('EXPORTING');
    });

    it('refuses an explicit ID not greater than the newest known one, before anything is paused or snapshotted', async () => {
      const cluster = await env.startDaemon();
      const [newest] = (await call(cluster.clusterUrl, 'GET', '/actuator/backupHistory')).json;
      const before = (await env.datastore('GET', '/_sandbox/requests')).json.length;
      const refused = await call(cluster.daemon.orchestratorUrl, 'POST', '/api/v1/backups', {
        backupId: String(newest.backupId),
      });
      expect(refused.status).toBe(409);
      expect(refused.json.message).toMatch(/not greater than/);
      const after = (await env.datastore('GET', '/_sandbox/requests')).json.slice(before) as Array<{
        method: string;
        path: string;
      }>;
      expect(after.filter((r) => r.method === 'PUT' || r.path.includes('/exporting/'))).toEqual([]);
    });
  },
);

describe.each(['elasticsearch', 'opensearch'] as const)(
  'a web-apps backup and a daemon kill (%s)',
  (flavor) => {
    let env: OrchestrationClusterEnv;

    beforeAll(async () => {
      // Parts of ~half a second, so the kill lands in the middle of the backup.
      env = await OrchestrationClusterEnv.start(flavor, '8.8.0', {
        sandboxEnv: { SANDBOX_SNAPSHOT_MIN_MS: '500' },
      });
    });

    afterAll(async () => {
      await env?.close();
    });

    it('resumes a web-apps backup after its daemon is killed, without duplicating a part', async () => {
      const first = await env.startDaemon({ BACKUP_JOB_LOCK_MS: '2000', BACKUP_STALLED_CHECK_MS: '1000' });
      const created = await call(first.clusterUrl, 'POST', '/actuator/backupHistory', {
        backupId: 9_000_000_000,
      });
      expect(created.status).toBe(200);
      const names = created.json.scheduledSnapshots as string[];
      await waitFor('part 2 to exist', async () => {
        const found = await env.datastore('GET', `/_snapshot/${env.repository}/${names[1]}`);
        return found.status === 200;
      });
      await first.daemon.kill();
      const second = await env.startDaemon(
        { BACKUP_JOB_LOCK_MS: '2000', BACKUP_STALLED_CHECK_MS: '1000' },
        first.daemon.queuePrefix,
      );
      const done = await waitForState(second.clusterUrl, '/actuator/backupHistory/9000000000', 60_000);
      expect(done.json.state).toBe('COMPLETED');
      const parts = (await env.datastore('GET', `/_snapshot/${env.repository}/camunda_webapps_9000000000_*`))
        .json.snapshots as Array<{ snapshot: string }>;
      expect(parts.map((p) => p.snapshot).sort()).toEqual([...names].sort());
      const creates = (
        (await env.datastore('GET', '/_sandbox/requests')).json as Array<{ method: string; path: string }>
      )
        // Elasticsearch's client creates with PUT, OpenSearch's with POST.
        .filter((r) => ['PUT', 'POST'].includes(r.method) && r.path.includes('camunda_webapps_9000000000_'));
      expect(creates).toHaveLength(names.length);
    });
  },
);

describe('explicit coordinated IDs in the per-app topology', () => {
  it('refuses an ID not greater than the newest known backup, before anything is paused or snapshotted', async () => {
    const env = await CoordinatedEnv.start('elasticsearch');
    try {
      const daemon = await env.startDaemon();
      const optimize = daemon.componentUrl('optimize');
      expect((await call(optimize, 'POST', '/actuator/backups', { backupId: 5000 })).status).toBe(202);
      await waitForState(optimize, '/actuator/backups/5000');
      const before = (await env.requests()).length;
      const refused = await call(daemon.orchestratorUrl, 'POST', '/api/v1/backups', { backupId: 4999 });
      expect(refused.status).toBe(409);
      expect(refused.json.message).toMatch(
        /not greater than 5000, the newest known backup ID \(the optimize backups\)/,
      );
      const after = (await env.requests()).slice(before);
      expect(after.filter((r) => r.method === 'PUT' || r.path.includes('/exporting/'))).toEqual([]);
    } finally {
      await env.close();
    }
  });
});
