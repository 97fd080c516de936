import { Redis } from 'ioredis';
import { waitForCoordinated } from '../coordinated/coordinated-env.js';
import { DaemonHandle } from '../support/daemon.js';
import { waitFor } from '../support/processes.js';
import {
  call,
  type ClusterDaemon,
  OrchestrationClusterEnv,
  waitForState,
} from './orchestration-cluster-env.js';

/**
 * A repository upgraded from 8.7 to 8.8 holds per-app backups (`camunda_operate_…`,
 * `camunda_tasklist_…`) next to web-apps ones (`camunda_webapps_…`). The 8.8 daemon's catalog lists
 * every backup with its generation, kind, trigger, times and size, filters and pages them, and
 * deletes and restores each (product contract §6; Camunda 8.8 itself cannot see the old ones).
 */
function ensure(condition: boolean, what: string): void {
  if (!condition) throw new Error(`set-up failed: ${what}`);
}

async function operateIndices(env: OrchestrationClusterEnv): Promise<Record<string, number>> {
  const rows = (await env.datastore('GET', '/_cat/indices/operate-*,tasklist-*?format=json')).json;
  return Object.fromEntries(rows.map((row: any) => [row.index, Number(row['docs.count'])]));
}

describe.each(['elasticsearch', 'opensearch'] as const)('A mixed-generation repository on %s', (flavor) => {
  let env: OrchestrationClusterEnv;
  let perApp: DaemonHandle;
  let cluster: ClusterDaemon;
  let coordinatedId: string;

  async function snapshotNames(): Promise<string[]> {
    const answer = await env.datastore('GET', `/_snapshot/${env.repository}/_all?verbose=false`);
    return (answer.json.snapshots as Array<{ snapshot: string }>).map((s) => s.snapshot).sort();
  }

  const api = (method: string, path: string, body?: unknown) =>
    call(cluster.daemon.orchestratorUrl, method, path, body);

  beforeAll(async () => {
    env = await OrchestrationClusterEnv.start(flavor, '8.8.15');
    // Before the upgrade: a per-app (≤ 8.7) installation backed up Operate and Tasklist as ID 100.
    perApp = await DaemonHandle.start({
      datastoreUrl: env.sandbox.url,
      datastoreType: flavor,
      env: { BACKUP_REPOSITORY_NAME: env.repository },
    });
    for (const component of ['operate', 'tasklist'] as const) {
      const created = await call(perApp.componentUrl(component), 'POST', '/actuator/backups', {
        backupId: 100,
      });
      ensure(created.status === 200, `${component} backup 100: ${created.text}`);
      const done = await waitForState(perApp.componentUrl(component), '/actuator/backups/100');
      ensure(done.json.state === 'COMPLETED', `${component} backup 100: ${done.text}`);
    }
    await perApp.close();

    // After the upgrade: the 8.8 daemon takes a web-apps backup and a coordinated one.
    cluster = await env.startDaemon();
    const webapps = await call(cluster.clusterUrl, 'POST', '/actuator/backupHistory', { backupId: 200 });
    ensure(webapps.status === 200, `web-apps backup 200: ${webapps.text}`);
    const webappsDone = await waitForState(cluster.clusterUrl, '/actuator/backupHistory/200');
    ensure(webappsDone.json.state === 'COMPLETED', `web-apps backup 200: ${webappsDone.text}`);
    const created = await api('POST', '/api/v1/backups', {});
    ensure(created.status === 202, `coordinated backup: ${created.text}`);
    coordinatedId = String(created.json.backupId);
    const coordinated = await waitForCoordinated(cluster.daemon.orchestratorUrl, coordinatedId);
    ensure(coordinated.state === 'COMPLETED', `coordinated backup: ${JSON.stringify(coordinated)}`);
  }, 120_000);

  afterAll(async () => {
    await perApp?.close();
    await env?.close();
  });

  it('lists every backup, newest first, marked by generation and kind, with times and sizes', async () => {
    const listed = await api('GET', '/api/v1/backups');
    expect(listed.status).toBe(200);
    expect(listed.json.nextBefore).toBeNull();
    const backups = listed.json.backups as any[];
    expect(backups.map((b) => String(b.backupId))).toEqual([coordinatedId, '200', '100']);
    expect(backups.map((b) => [b.kind, b.generation, b.trigger, b.state])).toEqual([
      ['coordinated', 'orchestration-cluster', 'api', 'COMPLETED'],
      ['component', 'orchestration-cluster', 'api', 'COMPLETED'],
      ['component', 'per-app', 'api', 'COMPLETED'],
    ]);
    expect(Object.keys(backups[0].components).sort()).toEqual(['optimize', 'webapps', 'zeebe']);
    expect(Object.keys(backups[1].components)).toEqual(['webapps']);
    expect(Object.keys(backups[2].components).sort()).toEqual(['operate', 'tasklist']);
    for (const backup of backups) {
      expect(Date.parse(backup.startedAt)).toBeLessThanOrEqual(Date.parse(backup.finishedAt));
      expect(backup.durationMs).toBeGreaterThanOrEqual(0);
      expect(backup.sizeBytes).toBeGreaterThan(0);
      expect(backup.failureReason).toBeNull();
    }
    expect(backups[0].acceptedAt).not.toBeNull();
    expect(backups[2].sizeBytes).toBe(
      backups[2].components.operate.sizeBytes + backups[2].components.tasklist.sizeBytes,
    );
  });

  it('filters by component, state and time, and pages', async () => {
    const ids = async (query: string): Promise<string[]> => {
      const answer = await api('GET', `/api/v1/backups${query}`);
      expect(answer.status, answer.text).toBe(200);
      return answer.json.backups.map((b: any) => String(b.backupId));
    };
    expect(await ids('?component=operate')).toEqual(['100']);
    expect(await ids('?component=webapps')).toEqual([coordinatedId, '200']);
    expect(await ids('?component=zeebe')).toEqual([coordinatedId]);
    expect(await ids('?state=COMPLETED')).toEqual([coordinatedId, '200', '100']);
    expect(await ids('?state=FAILED')).toEqual([]);
    expect(await ids(`?since=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([]);
    expect(await ids('?since=2020-01-01')).toHaveLength(3);

    const first = await api('GET', '/api/v1/backups?limit=2');
    expect(first.json.backups.map((b: any) => String(b.backupId))).toEqual([coordinatedId, '200']);
    expect(first.json.nextBefore).toBe('200');
    const second = await api('GET', `/api/v1/backups?limit=2&before=${first.json.nextBefore}`);
    expect(second.json.backups.map((b: any) => String(b.backupId))).toEqual(['100']);
    expect(second.json.nextBefore).toBeNull();

    for (const [query, message] of [
      ['component=camunda', /component must be one of/],
      ['state=DONE', /state must be one of/],
      ['since=yesterday', /since must be an ISO-8601/],
      ['limit=0', /limit must be an integer/],
      ['limit=abc', /limit must be an integer/],
      ['before=1*', /before must be a backup ID/],
      ['other=1', /property other should not exist/],
    ] as const) {
      const refused = await api('GET', `/api/v1/backups?${query}`);
      expect([query, refused.status]).toEqual([query, 400]);
      expect(refused.json.message).toMatch(message);
    }
  });

  it('describes a per-app backup part by part', async () => {
    const described = await api('GET', '/api/v1/backups/100');
    expect(described.status).toBe(200);
    expect(described.json).toMatchObject({
      kind: 'component',
      generation: 'per-app',
      finished: true,
      steps: [],
    });
    expect(described.json.components.operate.details).toHaveLength(6);
    expect(described.json.components.operate.details[0].snapshotName).toMatch(/^camunda_operate_100_/);
    expect((await api('GET', '/api/v1/backups/101')).status).toBe(404);
  });

  it('restores the per-app backup with the 8.8 daemon: documents counted equal', async () => {
    const before = await operateIndices(env);
    // The per-app backup carries the old version in its names: restoring it is for an installation
    // of that version, so the 8.8 daemon asks for the operator's word first.
    const refused = await api('POST', '/api/v1/restores', { backupId: 100, deleteExistingIndices: true });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/camunda_operate_100_\S+ has .*allowVersionMismatch/);
    const restore = await api('POST', '/api/v1/restores', {
      backupId: 100,
      deleteExistingIndices: true,
      allowVersionMismatch: true,
    });
    expect(restore.status, restore.text).toBe(202);
    expect(restore.json.components).toEqual(['operate', 'tasklist']);
    await waitFor(
      'the restore to finish',
      async () => {
        const state = (await api('GET', '/api/v1/restores/100')).json.state;
        if (state === 'FAILED') throw new Error('restore failed');
        return state === 'COMPLETED';
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const after = await operateIndices(env);
    for (const [index, count] of Object.entries(after))
      expect([index, count]).toEqual([index, before[index]]);
    expect(Object.keys(after).length).toBeGreaterThan(5);
  });

  it('forgets the cached sizes of a backup deleted through its component API', async () => {
    const redis = new Redis(cluster.daemon.redisUrl);
    const sizesKey = `${cluster.daemon.queuePrefix}:snapshot-sizes:${env.repository}`;
    const cachedOf = async (backupId: number) =>
      (await redis.hkeys(sizesKey)).filter((field) => field.startsWith(`camunda_webapps_${backupId}_`));
    try {
      expect(
        (await call(cluster.clusterUrl, 'POST', '/actuator/backupHistory', { backupId: 300 })).status,
      ).toBe(200);
      expect((await waitForState(cluster.clusterUrl, '/actuator/backupHistory/300')).json.state).toBe(
        'COMPLETED',
      );
      const listed = await api('GET', '/api/v1/backups');
      expect(listed.json.backups.find((b: any) => String(b.backupId) === '300').sizeBytes).toBeGreaterThan(0);
      const cached = await cachedOf(300);
      expect(cached.length).toBeGreaterThan(0);
      const others = (await redis.hkeys(sizesKey)).filter((field) => !cached.includes(field));

      expect((await call(cluster.clusterUrl, 'DELETE', '/actuator/backupHistory/300')).status).toBe(204);
      expect((await api('GET', '/api/v1/backups')).status).toBe(200);
      await waitFor('the sizes of backup 300 to be dropped', async () => (await cachedOf(300)).length === 0);
      // Only those: every other backup's sizes stay.
      expect((await redis.hkeys(sizesKey)).sort()).toEqual(others.sort());
    } finally {
      redis.disconnect();
    }
  });

  it('deletes a per-app backup and a web-apps backup, each without touching another', async () => {
    const all = await snapshotNames();
    expect((await api('DELETE', '/api/v1/backups/100')).status).toBe(204);
    expect(await snapshotNames()).toEqual(
      all.filter((name) => !/^camunda_(operate|tasklist)_100_/.test(name)),
    );
    expect((await api('GET', '/api/v1/backups/100')).status).toBe(404);
    expect((await api('DELETE', '/api/v1/backups/100')).status).toBe(404);

    expect((await api('DELETE', '/api/v1/backups/200')).status).toBe(204);
    const left = await snapshotNames();
    expect(left.filter((name) => name.includes('_100_') || name.includes('_200_'))).toEqual([]);
    expect(left.filter((name) => name.includes(`_${coordinatedId}_`)).length).toBeGreaterThan(0);
    expect((await api('GET', '/api/v1/backups')).json.backups.map((b: any) => String(b.backupId))).toEqual([
      coordinatedId,
    ]);
  });
});
