import { CAMUNDA_INDICES } from '../../scripts/camunda-indices.mjs';
import type { DaemonHandle } from '../support/daemon.js';
import { waitFor } from '../support/processes.js';
import { call, CoordinatedEnv, waitForCoordinated, ZEEBE_RECORD_INDICES } from './coordinated-env.js';

const ALL_INDICES = [...Object.values(CAMUNDA_INDICES).flat(), ...ZEEBE_RECORD_INDICES];

describe.each(['elasticsearch', 'opensearch'] as const)('restores on %s', (flavor) => {
  let env: CoordinatedEnv;
  let daemon: DaemonHandle;
  let completedId: string;
  const api = (method: string, path: string, body?: unknown) =>
    call(daemon.orchestratorUrl, method, path, body);

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const index of ALL_INDICES) {
      const answer = await env.datastore('GET', `/${index}/_count`);
      result[index] = answer.status === 200 ? answer.json.count : -1;
    }
    return result;
  }

  async function deleteAllIndices(): Promise<void> {
    for (const index of ALL_INDICES) await env.datastore('DELETE', `/${index}`);
  }

  async function waitForRestore(id: string): Promise<any> {
    let last: any;
    await waitFor(
      `restore ${id}`,
      async () => {
        last = (await api('GET', `/api/v1/restores/${id}`)).json;
        return last.state === 'COMPLETED' || last.state === 'FAILED';
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    return last;
  }

  beforeAll(async () => {
    env = await CoordinatedEnv.start(flavor);
    daemon = await env.startDaemon();
    // More data in some indices, so the counts differ from index to index.
    await env.datastore('PUT', `/${CAMUNDA_INDICES.operate[1]}/_doc/extra?refresh=true`, { extra: true });
    await env.datastore('PUT', `/${CAMUNDA_INDICES.optimize[0]}/_doc/extra?refresh=true`, { extra: true });
    const created = await api('POST', '/api/v1/backups', {});
    completedId = String(created.json.backupId);
    const done = await waitForCoordinated(daemon.orchestratorUrl, completedId);
    if (done.state !== 'COMPLETED') throw new Error(`the backup to restore ended ${done.state}`);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('round-trips: data backed up, indices deleted, restored part by part, documents counted equal', async () => {
    const before = await counts();
    expect(Object.values(before).every((count) => count > 0)).toBe(true);
    await deleteAllIndices();
    expect(Object.values(await counts()).every((count) => count === -1)).toBe(true);
    await env.datastore('DELETE', '/_sandbox/requests');

    const accepted = await api('POST', '/api/v1/restores', { backupId: completedId });
    expect(accepted.status).toBe(202);
    expect(accepted.json.components).toEqual(['optimize', 'operate', 'tasklist', 'zeebe']);
    const done = await waitForRestore(completedId);
    expect(done.failureReason).toBeNull();
    expect(done.state, JSON.stringify(done)).toBe('COMPLETED');
    expect(done.steps.every((s: any) => s.state === 'RESTORED')).toBe(true);
    expect(await counts()).toEqual(before);

    // Parts in numbered order, component by component, each started without waiting and followed
    // through _recovery; a part that holds no index has nothing to restore and is not sent.
    const log = await env.requests();
    const restoreCalls = log.filter((r) => r.path.endsWith('/_restore'));
    expect(restoreCalls.every((r) => r.query.wait_for_completion === 'false')).toBe(true);
    expect(log.some((r) => r.method === 'GET' && r.path.endsWith('/_recovery'))).toBe(true);
    const restores = restoreCalls.map((r) => r.path.split('/')[3]);
    const emptyParts = done.steps.filter((s: any) => s.indices === 0).map((s: any) => s.snapshot);
    for (const part of emptyParts) {
      const listed = await env.datastore('GET', `/_snapshot/${env.repository}/${part}`);
      expect(listed.json.snapshots[0].indices).toEqual([]);
    }
    expect(restores).toEqual(accepted.json.snapshots.filter((name: string) => !emptyParts.includes(name)));
    expect(restores.slice(0, 2)).toEqual([
      expect.stringMatching(/^camunda_optimize_.*_part_1_of_2$/),
      expect.stringMatching(/^camunda_optimize_.*_part_2_of_2$/),
    ]);
    expect(restores.at(-1)).toBe(`camunda_zeebe_records_backup_${completedId}`);
  });

  it('refuses while indices exist, and deletes them first when asked', async () => {
    const refused = await api('POST', '/api/v1/restores', {
      backupId: completedId,
      components: ['tasklist'],
    });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/Indices of the components to restore exist: tasklist-/);
    const before = await counts();
    await env.datastore('PUT', `/${CAMUNDA_INDICES.tasklist[0]}/_doc/later?refresh=true`, { later: true });

    const accepted = await api('POST', '/api/v1/restores', {
      backupId: completedId,
      components: ['tasklist'],
      deleteExistingIndices: true,
    });
    expect(accepted.status).toBe(202);
    expect(accepted.json.deletesExistingIndices).toBe(CAMUNDA_INDICES.tasklist.length);
    const done = await waitForRestore(completedId);
    expect(done.state, JSON.stringify(done)).toBe('COMPLETED');
    expect(done.deletedIndices).toBe(CAMUNDA_INDICES.tasklist.length);
    expect(await counts()).toEqual(before);
  });

  it('refuses bad input, unknown backups and backups that did not complete', async () => {
    expect((await api('POST', '/api/v1/restores', {})).json.message).toMatch(/backupId must be provided/);
    expect((await api('POST', '/api/v1/restores', { backupId: -1 })).status).toBe(400);
    const badComponent = await api('POST', '/api/v1/restores', {
      backupId: completedId,
      components: ['zeebe', 'x'],
    });
    expect(badComponent.status).toBe(400);
    expect(badComponent.json.message).toMatch(/each component must be one of/);
    const unknown = await api('POST', '/api/v1/restores', { backupId: 42 });
    expect(unknown.status).toBe(404);
    expect(unknown.json.message).toMatch(/No backup with ID 42/);
    expect((await api('GET', '/api/v1/restores/42')).status).toBe(404);

    await env.datastore('POST', '/_sandbox/faults', {
      type: 'snapshot_outcome',
      outcome: 'FAILED',
      snapshot: 'camunda_operate_*',
    });
    const failed = await api('POST', '/api/v1/backups', {});
    const failedId = String(failed.json.backupId);
    expect((await waitForCoordinated(daemon.orchestratorUrl, failedId)).state).toBe('FAILED');
    const refused = await api('POST', '/api/v1/restores', {
      backupId: failedId,
      deleteExistingIndices: true,
    });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/operate backup .* is FAILED, not COMPLETED/);
  });

  it('refuses a backup with a missing part', async () => {
    const created = await api('POST', '/api/v1/backups', { components: ['optimize'] });
    const id = String(created.json.backupId);
    const done = await waitForCoordinated(daemon.orchestratorUrl, id);
    const part2 = done.components.optimize.details[1].snapshotName;
    expect((await env.datastore('DELETE', `/_snapshot/${env.repository}/${part2}`)).status).toBe(200);
    const refused = await api('POST', '/api/v1/restores', { backupId: id, deleteExistingIndices: true });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/optimize backup .* is INCOMPLETE, not COMPLETED/);
  });

  it('refuses a backup of another version unless told to ignore it', async () => {
    const other = await env.startDaemon({ CAMUNDA_VERSION: '8.7.0', ZEEBE_MANAGEMENT_URL: '' });
    const created = await call(other.orchestratorUrl, 'POST', '/api/v1/backups', {
      components: ['optimize'],
    });
    const id = String(created.json.backupId);
    await waitForCoordinated(other.orchestratorUrl, id);
    await other.close();

    const refused = await api('POST', '/api/v1/restores', { backupId: id, components: ['optimize'] });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(
      /_8\.7\.0_part_1_of_2 has 8\.7\.0, optimize is configured with 8\.8\.0/,
    );
    const overridden = await api('POST', '/api/v1/restores', {
      backupId: id,
      components: ['optimize'],
      allowVersionMismatch: true,
    });
    // The version check passes; the next check (existing indices) is what refuses now.
    expect(overridden.status).toBe(409);
    expect(overridden.json.message).toMatch(/Indices of the components to restore exist/);
  });
});
