import { waitFor } from '../support/processes.js';
import {
  call,
  type ClusterDaemon,
  OrchestrationClusterEnv,
  waitForState,
} from './orchestration-cluster-env.js';

/** Camunda 8.8+'s web-apps Backup Management API on the orchestration-cluster listener (facts 8.8+ §2). */
describe.each(['elasticsearch', 'opensearch'] as const)('web-apps API (Camunda 8.8.0) on %s', (flavor) => {
  let env: OrchestrationClusterEnv;
  let cluster: ClusterDaemon;

  beforeAll(async () => {
    env = await OrchestrationClusterEnv.start(flavor, '8.8.0');
    cluster = await env.startDaemon();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('creates a backup of every layout-A part (200 + scheduledSnapshots) and reads it COMPLETED', async () => {
    const created = await call(cluster.clusterUrl, 'POST', '/actuator/backupHistory', { backupId: 100 });
    expect(created.status).toBe(200);
    const names = created.json.scheduledSnapshots as string[];
    // An archived 8.8.0 installation fills all seven parts of layout A.
    expect(names).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `camunda_webapps_100_8.8.0_part_${n}_of_7`));
    const done = await waitForState(cluster.clusterUrl, '/actuator/backupHistory/100');
    expect(done.json).toMatchObject({ backupId: 100, state: 'COMPLETED', failureReason: null });
    expect(done.json.details.map((d: { snapshotName: string }) => d.snapshotName)).toEqual(names);

    const [first] = (await env.datastore('GET', `/_snapshot/${env.repository}/${names[0]}`)).json.snapshots;
    expect(first.metadata).toEqual({ backupId: 100, version: '8.8.0', partNo: 1, partCount: 7 });
    expect([...first.indices].sort()).toEqual([
      'operate-import-position-8.3.0_',
      'tasklist-import-position-8.2.0_',
    ]);
    // Dated parts hold only the archived companions, never the main index.
    const [third] = (await env.datastore('GET', `/_snapshot/${env.repository}/${names[2]}`)).json.snapshots;
    expect(third.indices.length).toBeGreaterThan(0);
    for (const index of third.indices as string[]) expect(index).toMatch(/_\d{4}-\d{2}-\d{2}$/);

    const list = await call(cluster.clusterUrl, 'GET', '/actuator/backupHistory');
    expect(list.status).toBe(200);
    expect(list.json.map((b: { backupId: number }) => b.backupId)).toContain(100);
  });

  it('answers Camunda 8.8+ statuses and messages', async () => {
    const duplicate = await call(cluster.clusterUrl, 'POST', '/actuator/backupHistory', { backupId: 100 });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json).toEqual({
      message: expect.stringMatching(/^A backup with ID \[100\] already exists/),
    });
    const unknown = await call(cluster.clusterUrl, 'GET', '/actuator/backupHistory/5');
    expect(unknown).toMatchObject({ status: 404, json: { message: 'No backup with id [5] found.' } });
    const deleteUnknown = await call(cluster.clusterUrl, 'DELETE', '/actuator/backupHistory/5');
    expect(deleteUnknown.status).toBe(404);
    expect(deleteUnknown.json.message).toBe(
      "Expected to find backup with ID '5', but no metadata for it found",
    );
    expect((await call(cluster.clusterUrl, 'GET', '/actuator/backupHistory/-1')).status).toBe(400);
    expect((await call(cluster.clusterUrl, 'POST', '/actuator/backupHistory', { backupId: 0 })).status).toBe(
      400,
    );

    const notConfigured = await env.startDaemon({ BACKUP_REPOSITORY_NAME: '' });
    const refused = await call(notConfigured.clusterUrl, 'POST', '/actuator/backupHistory', { backupId: 7 });
    expect(refused.status).toBe(400);
    const missing = await env.startDaemon({ WEBAPPS_BACKUP_REPOSITORY_NAME: 'no-such-repository' });
    expect((await call(missing.clusterUrl, 'GET', '/actuator/backupHistory')).status).toBe(404);
  });

  it('deletes a backup by its parts, and nothing else', async () => {
    expect(
      (await call(cluster.clusterUrl, 'POST', '/actuator/backupHistory', { backupId: 101 })).status,
    ).toBe(200);
    await waitForState(cluster.clusterUrl, '/actuator/backupHistory/101');
    expect((await call(cluster.clusterUrl, 'DELETE', '/actuator/backupHistory/101')).status).toBe(204);
    await waitFor('the parts of 101 to be gone', async () => {
      return (await call(cluster.clusterUrl, 'GET', '/actuator/backupHistory/101')).status === 404;
    });
    expect((await waitForState(cluster.clusterUrl, '/actuator/backupHistory/100')).json.state).toBe(
      'COMPLETED',
    );
  });

  it('refuses a backup whose required index is missing, naming it, and creates nothing', async () => {
    expect((await env.datastore('DELETE', '/operate-process-8.3.0_')).status).toBe(200);
    try {
      const refused = await call(cluster.clusterUrl, 'POST', '/actuator/backupHistory', { backupId: 150 });
      expect(refused.status).toBe(409);
      expect(refused.json.message).toMatch(/required indices are missing: \[operate-process-8\.3\.0_\]/);
      const snapshots = await env.datastore('GET', `/_snapshot/${env.repository}/camunda_webapps_150_*`);
      expect(snapshots.json.snapshots ?? []).toEqual([]);
    } finally {
      await env.datastore('PUT', '/operate-process-8.3.0_', {});
    }
  });

  it('relays Zeebe backupRuntime and exporting, and serves no per-app API', async () => {
    const list = await call(cluster.clusterUrl, 'GET', '/actuator/backupRuntime');
    expect(list.status).toBe(200);
    expect(Array.isArray(list.json)).toBe(true);
    const paused = await call(cluster.clusterUrl, 'POST', '/actuator/exporting/pause?soft=true');
    expect(paused.status).toBe(200);
    expect(paused.json.status).toBe(204);
    expect((await env.zeebe('GET', '/_zeebe/state')).json.exporting).toBe('SOFT_PAUSED');
    expect((await call(cluster.clusterUrl, 'POST', '/actuator/exporting/resume')).json.status).toBe(204);
    const badPath = await call(cluster.clusterUrl, 'GET', '/actuator/backupRuntime/abc');
    expect(badPath.status).toBe(400);
    expect(badPath.json.message).toMatch(/Expected a backup ID or prefix ending with '\*'/);

    const noZeebe = await env.startDaemon({ ZEEBE_MANAGEMENT_URL: '' });
    const unset = await call(noZeebe.clusterUrl, 'GET', '/actuator/backupRuntime');
    expect(unset.status).toBe(404);
    expect(unset.json.message).toMatch(/ZEEBE_MANAGEMENT_URL is not set/);
    const down = await env.startDaemon({ ZEEBE_MANAGEMENT_URL: 'http://127.0.0.1:1' });
    expect((await call(down.clusterUrl, 'GET', '/actuator/backupRuntime')).status).toBe(502);
    // Operate and Tasklist are backed up together as web apps: their own ports stay closed.
    await expect(fetch(`${cluster.daemon.componentUrl('operate')}/actuator/backups`)).rejects.toThrow();
  });
});

describe.each(['elasticsearch', 'opensearch'] as const)(
  'web-apps part plans by Camunda version (%s)',
  (flavor) => {
    it.each([
      ['8.8.0', false, 5],
      ['8.8.15', false, 4],
      ['8.9.0', true, 7],
      ['8.10.0', true, 7],
    ] as const)('Camunda %s (archived: %s) gives %i parts', async (version, archived, partCount) => {
      const env = await OrchestrationClusterEnv.start(flavor, version, { archived });
      try {
        const cluster = await env.startDaemon();
        const created = await call(cluster.clusterUrl, 'POST', '/actuator/backupHistory', { backupId: 300 });
        expect(created.status).toBe(200);
        expect(created.json.scheduledSnapshots).toHaveLength(partCount);
        expect(created.json.scheduledSnapshots[0]).toBe(
          `camunda_webapps_300_${version}_part_1_of_${partCount}`,
        );
        const done = await waitForState(cluster.clusterUrl, '/actuator/backupHistory/300');
        expect(done.json.state).toBe('COMPLETED');
        // No index is in two parts, and no part is empty.
        const indices: string[] = [];
        for (const name of created.json.scheduledSnapshots as string[]) {
          const [snapshot] = (await env.datastore('GET', `/_snapshot/${env.repository}/${name}`)).json
            .snapshots;
          expect(snapshot.indices.length).toBeGreaterThan(0);
          indices.push(...snapshot.indices);
        }
        expect(new Set(indices).size).toBe(indices.length);
      } finally {
        await env.close();
      }
    });
  },
);
