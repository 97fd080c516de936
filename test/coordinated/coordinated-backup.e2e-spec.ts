import type { DaemonHandle } from '../support/daemon.js';
import { call, CoordinatedEnv, waitForCoordinated } from './coordinated-env.js';

const STEPS = [
  'pause-exporting',
  'optimize',
  'operate',
  'tasklist',
  'zeebe-records',
  'zeebe-backup',
  'resume-exporting',
];

describe.each(['elasticsearch', 'opensearch'] as const)('coordinated backups on %s', (flavor) => {
  let env: CoordinatedEnv;
  let daemon: DaemonHandle;
  const api = (method: string, path: string, body?: unknown) =>
    call(daemon.orchestratorUrl, method, path, body);

  beforeAll(async () => {
    env = await CoordinatedEnv.start(flavor);
    daemon = await env.startDaemon();
  });

  afterAll(async () => {
    await env?.close();
  });

  afterEach(async () => {
    await env.clearFaults();
  });

  it('takes a full coordinated backup in the documented order under one ID', async () => {
    await env.datastore('DELETE', '/_sandbox/requests');
    const before = Math.floor(Date.now() / 1000);
    const created = await api('POST', '/api/v1/backups', {});
    expect(created.status).toBe(202);
    const id = String(created.json.backupId);
    expect(Number(id)).toBeGreaterThanOrEqual(before);
    expect(created.json).toMatchObject({
      components: ['optimize', 'operate', 'tasklist'],
      zeebe: { included: true },
      steps: STEPS,
    });

    const done = await waitForCoordinated(daemon.orchestratorUrl, id);
    expect(done.state, JSON.stringify(done)).toBe('COMPLETED');
    expect(done.failureReason).toBeNull();
    for (const component of ['optimize', 'operate', 'tasklist']) {
      expect(done.components[component].state).toBe('COMPLETED');
      expect(done.components[component].details.every((d: any) => d.state === 'SUCCESS')).toBe(true);
    }
    expect(done.components.zeebe).toMatchObject({
      state: 'COMPLETED',
      recordsSnapshot: { snapshotName: `camunda_zeebe_records_backup_${id}`, state: 'SUCCESS' },
      brokerBackup: { state: 'COMPLETED' },
    });
    expect(done.steps.map((s: any) => [s.step, s.state])).toEqual(STEPS.map((s) => [s, 'COMPLETED']));
    expect(await env.exportingState()).toBe('RUNNING');

    // The recorded call order: pause, every part of each component in turn, records, Zeebe, resume.
    const calls = (await env.requests()).map(
      (r) => `${r.method} ${r.path}${r.query.soft ? `?soft=${r.query.soft}` : ''}`,
    );
    const creation = new RegExp(`^(PUT|POST) /_snapshot/${env.repository}/([^/]+)$`);
    const creations = calls
      .map((c) => (creation.test(c) ? `create ${creation.exec(c)![2]}` : c))
      .filter((c) => c.startsWith('create ') || c.startsWith('POST /actuator/'));
    const expected = [
      'POST /actuator/exporting/pause?soft=true',
      ...['optimize', 'operate', 'tasklist'].flatMap((component) =>
        done.components[component].details.map((d: any) => `create ${d.snapshotName}`),
      ),
      `create camunda_zeebe_records_backup_${id}`,
      'POST /actuator/backups',
      'POST /actuator/exporting/resume',
    ];
    expect(creations).toEqual(expected);

    const listed = await api('GET', '/api/v1/backups');
    expect(listed.status).toBe(200);
    expect(listed.json.backups.map((b: any) => String(b.backupId))).toContain(id);
  });

  it.each([
    [
      'pause-exporting',
      { zeebe: { type: 'http_error', path: '/actuator/exporting/pause', status: 503, count: 3 } },
    ],
    [
      'optimize',
      { datastore: { type: 'snapshot_outcome', outcome: 'FAILED', snapshot: 'camunda_optimize_*' } },
    ],
    [
      'operate',
      { datastore: { type: 'snapshot_outcome', outcome: 'FAILED', snapshot: 'camunda_operate_*' } },
    ],
    [
      'tasklist',
      { datastore: { type: 'snapshot_outcome', outcome: 'PARTIAL', snapshot: 'camunda_tasklist_*' } },
    ],
    [
      'zeebe-records',
      { datastore: { type: 'snapshot_outcome', outcome: 'FAILED', snapshot: 'camunda_zeebe_records_*' } },
    ],
    ['zeebe-backup', { zeebe: { type: 'backup_outcome', outcome: 'FAILED' } }],
  ])('resumes exporting when the %s step fails, and skips the steps after it', async (step, fault: any) => {
    if (fault.zeebe) expect((await env.zeebe('POST', '/_zeebe/faults', fault.zeebe)).status).toBe(200);
    if (fault.datastore)
      expect((await env.datastore('POST', '/_sandbox/faults', fault.datastore)).status).toBe(200);
    const created = await api('POST', '/api/v1/backups', {});
    expect(created.status).toBe(202);
    const done = await waitForCoordinated(daemon.orchestratorUrl, String(created.json.backupId));
    expect(done.state).toBe('FAILED');
    expect(done.failureReason).toBeTruthy();
    const states = Object.fromEntries(done.steps.map((s: any) => [s.step, s.state]));
    const failedAt = STEPS.indexOf(step);
    for (const [index, name] of STEPS.entries()) {
      const expected =
        name === 'resume-exporting'
          ? 'COMPLETED'
          : index < failedAt
            ? 'COMPLETED'
            : index === failedAt
              ? 'FAILED'
              : 'SKIPPED';
      expect([name, states[name]]).toEqual([name, expected]);
    }
    expect(await env.exportingState()).toBe('RUNNING');
  });

  it('retries a failing resume until exporting runs again', async () => {
    await env.zeebe('POST', '/_zeebe/faults', {
      type: 'http_error',
      path: '/actuator/exporting/resume',
      status: 502,
      count: 2,
    });
    const created = await api('POST', '/api/v1/backups', {});
    expect(created.status).toBe(202);
    const done = await waitForCoordinated(daemon.orchestratorUrl, String(created.json.backupId));
    expect(done.state, JSON.stringify(done)).toBe('COMPLETED');
    expect(await env.exportingState()).toBe('RUNNING');
  });

  it('refuses bad requests with a clear 4xx and changes nothing', async () => {
    const before = (await api('GET', '/api/v1/backups')).json.backups.length;
    const bad = [
      [{ backupId: 0 }, 400, /backupId must be a positive integer/],
      [{ backupId: 'abc' }, 400, /backupId must be a positive integer/],
      [{ components: ['camunda'] }, 400, /each component must be one of/],
      [{ components: [] }, 400, /components must not be empty/],
      [{ other: 1 }, 400, /property other should not exist/],
      [{ backupId: 5 }, 409, /Zeebe backup IDs must be greater/],
    ] as const;
    for (const [body, status, message] of bad) {
      const answer = await api('POST', '/api/v1/backups', body);
      expect([JSON.stringify(body), answer.status]).toEqual([JSON.stringify(body), status]);
      expect(answer.json.message).toMatch(message);
    }
    expect((await api('GET', '/api/v1/backups/x1')).status).toBe(400);
    expect((await api('GET', '/api/v1/backups/12345')).status).toBe(404);
    expect((await api('DELETE', '/api/v1/backups/12345')).status).toBe(404);
    expect((await api('GET', '/api/v1/backups')).json.backups.length).toBe(before);
  });

  it('answers 502 when the datastore or Zeebe cannot be reached', async () => {
    await env.datastore('POST', '/_sandbox/faults', {
      type: 'http_error',
      status: 503,
      path: '/_snapshot*',
      count: 50,
    });
    const datastoreDown = await api('POST', '/api/v1/backups', {});
    expect(datastoreDown.status).toBe(502);
    expect(datastoreDown.json.message).toMatch(/Cannot reach the datastore/);
    await env.clearFaults();
    await env.zeebe('POST', '/_zeebe/faults', {
      type: 'http_error',
      status: 503,
      path: '/actuator/backups',
      count: 5,
    });
    const zeebeDown = await api('POST', '/api/v1/backups', {});
    expect(zeebeDown.status).toBe(502);
    expect(zeebeDown.json.message).toMatch(/Zeebe GET \/actuator\/backups answered 503/);
  });

  it('refuses a second backup while one runs, then takes a chosen subset under an explicit ID', async () => {
    await env.zeebe('POST', '/_zeebe/faults', {
      type: 'http_error',
      path: '/actuator/exporting/pause',
      status: 503,
      count: 1,
    });
    const first = await api('POST', '/api/v1/backups', { components: ['zeebe', 'optimize'] });
    expect(first.status).toBe(202);
    const second = await api('POST', '/api/v1/backups', {});
    expect(second.status).toBe(409);
    expect(second.json.message).toMatch(/still in progress/);
    await waitForCoordinated(daemon.orchestratorUrl, String(first.json.backupId));

    const id = String(BigInt(first.json.backupId) + 10n);
    const subset = await api('POST', '/api/v1/backups', { backupId: id, components: ['operate'] });
    expect(subset.status).toBe(202);
    expect(subset.json).toMatchObject({
      components: ['operate'],
      zeebe: { included: false },
      steps: ['operate'],
    });
    const done = await waitForCoordinated(daemon.orchestratorUrl, id);
    expect(done.state, JSON.stringify(done)).toBe('COMPLETED');
    expect(Object.keys(done.components)).toEqual(['operate']);
  });

  it('deletes every piece of a coordinated backup', async () => {
    const created = await api('POST', '/api/v1/backups', {});
    const id = String(created.json.backupId);
    expect((await api('DELETE', `/api/v1/backups/${id}`)).status).toBe(409);
    await waitForCoordinated(daemon.orchestratorUrl, id);
    expect((await api('DELETE', `/api/v1/backups/${id}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/backups/${id}`)).status).toBe(404);
    const names = (await env.datastore('GET', `/_snapshot/${env.repository}/_all`)).json.snapshots.map(
      (s: any) => s.snapshot,
    );
    expect(names.filter((name: string) => name.includes(`_${id}`))).toEqual([]);
    expect((await env.zeebe('GET', `/actuator/backups/${id}`)).status).toBe(404);
  });
});
