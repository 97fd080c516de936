import { randomUUID } from 'node:crypto';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { DaemonHandle } from '../support/daemon.js';
import { SandboxHandle } from '../support/sandbox.js';
import { waitFor } from '../support/processes.js';
import { basic, get } from './http.js';

const TOKEN = `token-${randomUUID()}`;
const USER = 'ops';
const PASSWORD = `pw-${randomUUID()}`;

/** Management auth on (token and basic), and what it protects: metrics, API docs, logs. */
describe('with management authentication on', () => {
  let sandbox: SandboxHandle;
  let daemon: DaemonHandle;
  const repository = `cbo-ops-${randomUUID().slice(0, 8)}`;
  const bearer = { authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    sandbox = await SandboxHandle.start({ env: { SANDBOX_SNAPSHOT_MIN_MS: '50' } });
    await seedCamundaIndices(sandbox.url, { docsPerIndex: 2 });
    const created = await fetch(`${sandbox.url}/_snapshot/${repository}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'fs', settings: { location: repository } }),
    });
    if (created.status !== 200) throw new Error(`creating ${repository}: ${created.status}`);
    daemon = await DaemonHandle.start({
      datastoreUrl: sandbox.url,
      datastoreType: 'elasticsearch',
      readyPath: '/actuator/health/liveness',
      env: {
        BACKUP_REPOSITORY_NAME: repository,
        // A repository that does not exist: health checks of Optimize count repository_missing errors.
        OPTIMIZE_BACKUP_REPOSITORY_NAME: `missing-${repository}`,
        MANAGEMENT_AUTH_TOKEN: TOKEN,
        MANAGEMENT_USERNAME: USER,
        MANAGEMENT_PASSWORD: PASSWORD,
      },
    });
  });

  afterAll(async () => {
    await daemon?.close();
    await sandbox?.close();
  });

  it('answers 401 without or with wrong credentials on every management API, on every port', async () => {
    const protectedUrls = [
      `${daemon.orchestratorUrl}/`,
      `${daemon.orchestratorUrl}/actuator/health`,
      `${daemon.orchestratorUrl}/actuator/prometheus`,
      `${daemon.orchestratorUrl}/api-docs`,
      `${daemon.orchestratorUrl}/api-docs/operate.json`,
      `${daemon.componentUrl('operate')}/actuator/backups`,
      `${daemon.componentUrl('optimize')}//actuator/backups/1`,
      `${daemon.componentUrl('tasklist')}/actuator/health`,
    ];
    for (const url of protectedUrls) {
      const none = await get(url);
      expect(none.status, url).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe(
        'Bearer realm="management", Basic realm="management"',
      );
      expect((await get(url, { authorization: 'Bearer wrong' })).status, url).toBe(401);
      expect((await get(url, basic(USER, 'wrong'))).status, url).toBe(401);
      expect((await get(url, basic('wrong', PASSWORD))).status, url).toBe(401);
    }
    const post = await fetch(`${daemon.componentUrl('operate')}/actuator/backups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"backupId":1}',
    });
    expect(post.status).toBe(401);
  });

  it('lets the right token or basic credentials through, and leaves liveness/readiness open', async () => {
    expect((await get(`${daemon.orchestratorUrl}/`, bearer)).status).toBe(200);
    expect((await get(`${daemon.orchestratorUrl}/`, basic(USER, PASSWORD))).status).toBe(200);
    expect((await get(`${daemon.componentUrl('operate')}/actuator/backups`, bearer)).status).toBe(200);
    for (const probe of ['liveness', 'readiness']) {
      expect((await get(`${daemon.componentUrl('operate')}/actuator/health/${probe}`)).status).toBe(200);
      expect((await get(`${daemon.orchestratorUrl}/actuator/health/${probe}`)).status).toBe(200);
    }
  });

  it('exports backup, part, queue, datastore-error and HTTP metrics at /actuator/prometheus', async () => {
    const create = await fetch(`${daemon.componentUrl('operate')}/actuator/backups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer },
      body: '{"backupId":42}',
    });
    expect(create.status).toBe(200);
    await waitFor('backup 42 to complete', async () => {
      const backup = await get(`${daemon.componentUrl('operate')}/actuator/backups/42`, bearer);
      return backup.json?.state === 'COMPLETED';
    });
    // Optimize's health checks its (missing) repository: one repository_missing error per check.
    expect((await get(`${daemon.componentUrl('optimize')}/actuator/health`, bearer)).status).toBe(503);

    const metrics = await get(`${daemon.orchestratorUrl}/actuator/prometheus`, bearer);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = metrics.text.split('\n');
    const value = (prefix: string): number =>
      Number(
        lines
          .find((line) => line.startsWith(prefix))
          ?.split(' ')
          .at(-1),
      );
    expect(value('camunda_backup_backups_total{component="operate",outcome="COMPLETED"}')).toBe(1);
    expect(value('camunda_backup_part_duration_seconds_count{component="operate",state="SUCCESS"}')).toBe(6);
    expect(value('camunda_backup_queue_jobs{component="operate",state="completed"}')).toBe(1);
    expect(value('camunda_backup_queue_jobs{component="tasklist",state="waiting"}')).toBe(0);
    expect(
      value(
        'camunda_backup_datastore_errors_total{operation="assertRepositoryExists",kind="repository_missing"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value(
        'camunda_backup_http_server_requests_seconds_count{listener="operate",method="POST",route="/actuator/backups",status="200"}',
      ),
    ).toBe(1);
    expect(
      value(
        'camunda_backup_http_server_requests_seconds_count{listener="operate",method="GET",route="/actuator/backups/:backupId",status="200"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(lines.some((line) => line.startsWith('process_cpu_seconds_total'))).toBe(true);
  });

  it('serves the OpenAPI documents of every listener at /api-docs', async () => {
    const ui = await get(`${daemon.orchestratorUrl}/api-docs`, bearer);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');

    const orchestrator = (await get(`${daemon.orchestratorUrl}/api-docs/orchestrator.json`, bearer)).json;
    expect(orchestrator.openapi).toMatch(/^3\./);
    expect(orchestrator.servers[0].url).toBe(daemon.orchestratorUrl);
    expect(Object.keys(orchestrator.paths)).toEqual(
      expect.arrayContaining([
        '/',
        '/actuator/health',
        '/actuator/health/liveness',
        '/actuator/health/readiness',
        '/actuator/prometheus',
      ]),
    );

    for (const component of ['optimize', 'operate', 'tasklist'] as const) {
      const document = (await get(`${daemon.orchestratorUrl}/api-docs/${component}.json`, bearer)).json;
      expect(document.servers[0].url).toBe(daemon.componentUrl(component));
      expect(document.tags.map((tag: any) => tag.name)).toContain(component);
      const backups = document.paths['/actuator/backups'];
      expect(backups.post.tags).toEqual([component]);
      expect(backups.post.requestBody.content['application/json'].schema.required).toEqual(['backupId']);
      expect(Object.keys(backups.post.responses)).toContain(component === 'optimize' ? '202' : '200');
      expect(document.paths['/actuator/backups/{backupId}'].get.tags).toEqual([component]);
      expect(document.paths['/actuator/backups/{backupId}'].delete.tags).toEqual([component]);
      expect(document.paths['/actuator/health/readiness'].get.tags).toEqual(['health']);
    }
  });

  it('logs JSON lines with the backup fields, and never a credential', async () => {
    const lines = daemon.process.logs
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(10);
    const partLines = lines.filter((line) => line.msg?.includes('camunda_operate_42_'));
    expect(partLines.length).toBeGreaterThanOrEqual(6);
    for (const line of partLines) {
      expect(line).toMatchObject({ component: 'operate', backupId: '42', partCount: 6 });
      expect(line.partNo).toEqual(expect.any(Number));
    }
    expect(lines.find((line) => line.msg === 'operate backup 42: completed')).toMatchObject({
      component: 'operate',
      backupId: '42',
    });
    const requestLine = lines.find((line) => line.req?.url === '/actuator/backups/42');
    // Request lines carry no headers at all (so no credentials either).
    expect(requestLine.req.headers).toBeUndefined();
    for (const secret of [TOKEN, PASSWORD, Buffer.from(`${USER}:${PASSWORD}`).toString('base64')]) {
      expect(daemon.process.logs).not.toContain(secret);
    }
  });
});
