import { Redis } from 'ioredis';
import { call, CoordinatedEnv, waitForCoordinated } from '../coordinated/coordinated-env.js';
import { DaemonHandle, type DaemonOptions } from '../support/daemon.js';
import { type HttpAnswer, httpRequest } from '../support/http.js';
import { OpenApiConformance } from '../support/openapi-conformance.js';
import { waitFor } from '../support/processes.js';
import { TestRedis } from '../support/redis-server.js';

const YEARLY = '0 0 0 1 1 *';

/** A made-up answer, for checking the checker. */
function fakeAnswer(status: number, body: unknown, contentType = 'application/json'): HttpAnswer {
  return { status, headers: new Headers(), contentType, text: JSON.stringify(body), json: body };
}

/** Routes Nest maps on the orchestrator port, from its start-up log (the last application started). */
function mappedRoutes(logs: string): string[] {
  const applications: string[][] = [[]];
  for (const line of logs.split('\n')) {
    if (!line.startsWith('{')) continue;
    const { context, msg } = JSON.parse(line) as { context?: string; msg?: string };
    const mapped = context === 'RouterExplorer' && /^Mapped \{(.+), (\w+)\} route$/.exec(msg ?? '');
    if (mapped) applications.at(-1)!.push(`${mapped[2]!.toLowerCase()} ${mapped[1]}`);
    if (context === 'NestApplication' && msg === 'Nest application successfully started') {
      applications.push([]);
    }
  }
  // Component listeners start first (main.ts); the orchestrator's application is the last one.
  return applications.at(-2) ?? [];
}

describe.each(['elasticsearch', 'opensearch'] as const)(
  'the orchestrator OpenAPI document (%s)',
  (flavor) => {
    let env: CoordinatedEnv;
    let daemon: DaemonHandle;
    let conformance: OpenApiConformance;

    /** Calls `key` (`method template`) at `path` and checks the answer against the document. */
    async function expectAnswer(
      key: string,
      path: string,
      status: number,
      options: { body?: unknown; contentType?: string; on?: DaemonHandle } = {},
    ): Promise<HttpAnswer> {
      const method = key.slice(0, key.indexOf(' ')).toUpperCase();
      if (status < 300 && options.body !== undefined) conformance.checkRequestBody(key, options.body);
      const answer = await httpRequest(`${(options.on ?? daemon).orchestratorUrl}${path}`, {
        method,
        body: options.body,
        contentType: options.contentType,
        timeoutMs: 30_000,
      });
      conformance.checkAnswer(key, path, answer, status);
      return answer;
    }

    /** A daemon of the test's own against the same sandbox (its own Redis, or its own settings). */
    function startOwnDaemon(options: Partial<DaemonOptions>): Promise<DaemonHandle> {
      return DaemonHandle.start({
        datastoreUrl: env.sandbox.url,
        datastoreType: flavor,
        ...options,
        env: { BACKUP_REPOSITORY_NAME: env.repository, ZEEBE_MANAGEMENT_URL: env.zeebeUrl, ...options.env },
      });
    }

    async function faultEverything(): Promise<void> {
      const added = await env.datastore('POST', '/_sandbox/faults', {
        type: 'drop_connection',
        path: '*',
        method: '*',
        count: 10_000,
      });
      expect(added.status).toBe(200);
    }

    beforeAll(async () => {
      env = await CoordinatedEnv.start(flavor);
      // A schedule that does not fire during the test (January 1st), for /api/v1/schedules.
      daemon = await env.startDaemon({ BACKUP_SCHEDULE: YEARLY });
      const document = await call(daemon.orchestratorUrl, 'GET', '/api-docs/orchestrator.json');
      if (document.status !== 200) throw new Error(`no document: ${document.text}`);
      conformance = new OpenApiConformance(document.json);
    });

    afterAll(async () => {
      await env?.close();
    });

    it('documents every route Nest maps on the orchestrator port but its HTML pages, and nothing else', async () => {
      const routes = new Set(
        mappedRoutes(daemon.process.logs).map((route) => route.replace(/:(\w+)/g, '{$1}')),
      );
      expect(routes).toContain('post /api/v1/restores');
      const documented = conformance.operations;
      expect(documented.filter((key) => !routes.has(key))).toEqual([]);
      for (const route of [...routes].filter((key) => !documented.includes(key))) {
        expect(route, 'only pages may be left out').toMatch(/^get /);
        const page = await httpRequest(`${daemon.orchestratorUrl}${route.slice('get '.length)}`);
        expect(page.contentType, `${route} is not documented`).toMatch(/^text\/html/);
      }
    });

    it('says that request bodies take only their declared fields, as the API enforces', () => {
      const document = conformance.document as any;
      const closed: Record<string, unknown> = {};
      for (const [path, item] of Object.entries<any>(document.paths)) {
        for (const [method, operation] of Object.entries<any>(item)) {
          const ref = operation?.requestBody?.content?.['application/json']?.schema?.$ref;
          if (typeof ref !== 'string') continue;
          const schema = document.components.schemas[ref.slice(ref.lastIndexOf('/') + 1)];
          closed[`${method} ${path}`] = schema.additionalProperties;
        }
      }
      expect(closed).toEqual({ 'post /api/v1/backups': false, 'post /api/v1/restores': false });
    });

    it('refuses answers the document does not describe', () => {
      const key = 'get /api/v1/restores/{id}';
      const path = '/api/v1/restores/7';
      const error = { status: 404, error: 'Not Found', message: 'No restore of backup 7' };
      const restore = {
        backupId: 7,
        state: 'COMPLETED',
        failureReason: null,
        components: ['operate'],
        deletedIndices: 0,
        acceptedAt: '2026-12-01T00:00:00.000Z',
        startedAt: null,
        finishedAt: null,
        steps: [{ component: 'operate', snapshot: 's', state: 'RESTORED', indices: 1, documents: 2 }],
      };
      const fresh = new OpenApiConformance(conformance.document);
      fresh.checkAnswer(key, path, fakeAnswer(200, restore), 200);
      fresh.checkAnswer(key, path, fakeAnswer(404, error), 404);
      expect(() => fresh.checkAnswer(key, path, fakeAnswer(409, { ...error, status: 409 }), 409)).toThrow(
        /does not list/,
      );
      expect(() => fresh.checkAnswer(key, path, fakeAnswer(200, restore), 202)).toThrow(/expected 202/);
      expect(() => fresh.checkAnswer(key, path, fakeAnswer(404, { ...error, extra: 1 }), 404)).toThrow(
        /additional properties/,
      );
      expect(() => fresh.checkAnswer(key, path, fakeAnswer(200, { ...restore, state: 'DONE' }), 200)).toThrow(
        /allowed values/,
      );
      expect(() =>
        fresh.checkAnswer(key, path, fakeAnswer(200, { ...restore, failureReason: undefined }), 200),
      ).toThrow(/failureReason/);
      expect(() =>
        fresh.checkAnswer(key, path, fakeAnswer(200, { ...restore, deletedIndices: null }), 200),
      ).toThrow(/deletedIndices/);
      expect(() => fresh.checkAnswer(key, path, fakeAnswer(200, restore, 'text/html'), 200)).toThrow(
        /answered text\/html/,
      );
      expect(() => fresh.checkAnswer(key, '/api/v1/backups/7', fakeAnswer(200, restore), 200)).toThrow(
        /not an instance/,
      );
      expect(fresh.unseen()).toContain(`${key} 400`);
      expect(fresh.unseen()).not.toContain(`${key} 404`);
    });

    it('answers the daemon-wide operations as documented', async () => {
      const info = await expectAnswer('get /', '/', 200);
      expect(info.json.components.operate.port).toBe(daemon.ports.operate);
      await expectAnswer('get /actuator/health', '/actuator/health', 200);
      await expectAnswer('get /actuator/health/readiness', '/actuator/health/readiness', 200);
      await expectAnswer('get /actuator/health/liveness', '/actuator/health/liveness', 200);
      const metrics = await expectAnswer('get /actuator/prometheus', '/actuator/prometheus', 200);
      expect(metrics.text).toContain('process_cpu_seconds_total');
    });

    it('answers /api/v1/backups as documented', async () => {
      const create = 'post /api/v1/backups';
      const accepted = await expectAnswer(create, '/api/v1/backups', 202, { body: { backupId: 10 } });
      expect(accepted.json.steps).toContain('zeebe-backup');
      await waitForCoordinated(daemon.orchestratorUrl, '10');
      await expectAnswer(create, '/api/v1/backups', 409, { body: { backupId: 10 } });
      await expectAnswer(create, '/api/v1/backups', 400, { body: { backupId: 'ten' } });
      await expectAnswer(create, '/api/v1/backups', 400, { body: { backupId: 11, components: ['nope'] } });
      // Unknown fields are refused, and the document says so (additionalProperties: false).
      for (const refused of [{ backupId: 11, retain: true }, { backupId: 'ten' }]) {
        conformance.checkRequestBodyRefused(create, refused);
        await expectAnswer(create, '/api/v1/backups', 400, { body: refused });
      }
      await expectAnswer(create, '/api/v1/backups', 415, { body: 'backupId=11', contentType: 'text/plain' });
      await expectAnswer(create, '/api/v1/backups', 413, { body: { backupId: 11, pad: 'x'.repeat(70_000) } });

      // A backup made through a component API is in the catalog too (kind "component").
      const operate = await httpRequest(`${daemon.componentUrl('operate')}/actuator/backups`, {
        method: 'POST',
        body: { backupId: 20 },
      });
      expect(operate.status).toBe(200);
      await waitFor('the operate backup 20 to finish', async () => {
        const answer = await call(daemon.componentUrl('operate'), 'GET', '/actuator/backups/20');
        return answer.json?.state === 'COMPLETED';
      });

      const get = 'get /api/v1/backups/{id}';
      const coordinated = await expectAnswer(get, '/api/v1/backups/10', 200);
      expect(coordinated.json).toMatchObject({ kind: 'coordinated', state: 'COMPLETED', finished: true });
      expect(coordinated.json.components.zeebe.recordsSnapshot.snapshotName).toBeTruthy();
      const component = await expectAnswer(get, '/api/v1/backups/20', 200);
      expect(component.json).toMatchObject({ kind: 'component', steps: [] });
      expect(component.json.components.operate.details.length).toBeGreaterThan(0);
      await expectAnswer(get, '/api/v1/backups/ten', 400);
      await expectAnswer(get, '/api/v1/backups/999', 404);

      const list = 'get /api/v1/backups';
      const all = await expectAnswer(list, '/api/v1/backups', 200);
      expect(all.json.backups.map((entry: { backupId: number }) => entry.backupId)).toEqual([20, 10]);
      const page = await expectAnswer(list, '/api/v1/backups?limit=1', 200);
      expect(page.json.nextBefore).toBe('20');
      await expectAnswer(
        list,
        '/api/v1/backups?component=zeebe&state=COMPLETED&since=2020-01-01&before=20',
        200,
      );
      await expectAnswer(list, '/api/v1/backups?limit=0', 400);
      await expectAnswer(list, '/api/v1/backups?state=DONE', 400);

      // An unreadable stored coordinated record: reported as a conflict, deletable.
      const redis = new Redis(daemon.redisUrl);
      try {
        const prefix = `${daemon.queuePrefix}:coordinated`;
        await redis.set(`${prefix}:4242`, '{"backupId": not json');
        await redis.sadd(`${prefix}:ids`, '4242');
      } finally {
        redis.disconnect();
      }
      await expectAnswer(get, '/api/v1/backups/4242', 409);

      const remove = 'delete /api/v1/backups/{id}';
      await expectAnswer(remove, '/api/v1/backups/4242', 204);
      await expectAnswer(remove, '/api/v1/backups/20', 204);
      await expectAnswer(remove, '/api/v1/backups/20', 404);
      await expectAnswer(remove, '/api/v1/backups/ten', 400);

      // A coordinated backup in progress: its first snapshot is held back by the sandbox.
      await env.datastore('POST', '/_sandbox/faults', {
        type: 'delay',
        path: `/_snapshot/${env.repository}/camunda_optimize_30_*`,
        method: 'PUT',
        ms: 4_000,
        count: 1,
      });
      await expectAnswer(create, '/api/v1/backups', 202, { body: { backupId: 30 } });
      await expectAnswer(remove, '/api/v1/backups/30', 409);
      await expectAnswer(create, '/api/v1/backups', 409, { body: { backupId: 31 } });
      await expectAnswer('post /api/v1/restores', '/api/v1/restores', 409, { body: { backupId: 10 } });
      await waitForCoordinated(daemon.orchestratorUrl, '30');
    });

    it('answers /api/v1/restores as documented', async () => {
      const create = 'post /api/v1/restores';
      // The operate indices of backup 10 exist: refused unless they may be deleted.
      await expectAnswer(create, '/api/v1/restores', 409, {
        body: { backupId: 10, components: ['operate'] },
      });
      await expectAnswer(create, '/api/v1/restores', 404, { body: { backupId: 999 } });
      await expectAnswer(create, '/api/v1/restores', 400, { body: { backupId: 'ten' } });
      await expectAnswer(create, '/api/v1/restores', 400, { body: { backupId: 10, components: [] } });
      for (const refused of [{ backupId: 10, force: true }, { backupId: 'ten' }]) {
        conformance.checkRequestBodyRefused(create, refused);
        await expectAnswer(create, '/api/v1/restores', 400, { body: refused });
      }
      await expectAnswer(create, '/api/v1/restores', 415, { body: '{}', contentType: 'text/plain' });
      await expectAnswer(create, '/api/v1/restores', 413, {
        body: { backupId: 10, pad: 'x'.repeat(70_000) },
      });
      const body = { backupId: 10, components: ['operate'], deleteExistingIndices: true };
      const accepted = await expectAnswer(create, '/api/v1/restores', 202, { body });
      expect(accepted.json.components).toEqual(['operate']);

      const get = 'get /api/v1/restores/{id}';
      await waitFor(
        'restore 10 to complete',
        async () => (await expectAnswer(get, '/api/v1/restores/10', 200)).json.state === 'COMPLETED',
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      const list = await expectAnswer('get /api/v1/restores', '/api/v1/restores', 200);
      expect(list.json.map((restore: { backupId: number }) => restore.backupId)).toEqual([10]);
      await expectAnswer(get, '/api/v1/restores/77', 404);
      await expectAnswer(get, '/api/v1/restores/ten', 400);
    });

    it('answers /api/v1/schedules as documented', async () => {
      const list = 'get /api/v1/schedules';
      const before = await expectAnswer(list, '/api/v1/schedules', 200);
      expect(before.json).toMatchObject([{ name: 'coordinated', cron: YEARLY, lastRun: null }]);

      const run = 'post /api/v1/schedules/{name}/run';
      const path = '/api/v1/schedules/coordinated/run';
      await expectAnswer(run, '/api/v1/schedules/nightly/run', 404, { body: {} });
      await expectAnswer(run, path, 415, { body: '{}', contentType: 'text/plain' });
      await expectAnswer(run, path, 413, { body: { pad: 'x'.repeat(70_000) } });
      await expectAnswer(run, path, 400, { body: '[]' });
      const started = await expectAnswer(run, path, 202, { body: {} });
      await expectAnswer(run, path, 409, { body: {} });
      const backupId = /"backupId":(\d+)/.exec(started.text)![1]!;
      await waitForCoordinated(daemon.orchestratorUrl, backupId);
      const after = await expectAnswer(list, '/api/v1/schedules', 200);
      expect(after.json[0].lastRun).toMatchObject({ outcome: 'COMPLETED', retention: null });
      const backup = await expectAnswer('get /api/v1/backups/{id}', `/api/v1/backups/${backupId}`, 200);
      expect(backup.json.trigger).toBe('schedule');
    });

    it('answers 502 with the error body when the datastore cannot be reached', async () => {
      await faultEverything();
      try {
        const body = { backupId: 40 };
        await expectAnswer('post /api/v1/backups', '/api/v1/backups', 502, { body });
        await expectAnswer('get /api/v1/backups', '/api/v1/backups', 502);
        await expectAnswer('get /api/v1/backups/{id}', '/api/v1/backups/10', 502);
        await expectAnswer('delete /api/v1/backups/{id}', '/api/v1/backups/40', 502);
        await expectAnswer('post /api/v1/restores', '/api/v1/restores', 502, { body: { backupId: 10 } });
        await expectAnswer('post /api/v1/schedules/{name}/run', '/api/v1/schedules/coordinated/run', 502, {
          body: {},
        });
        const health = await expectAnswer('get /actuator/health', '/actuator/health', 503);
        expect(health.json.components.datastore.status).toBe('DOWN');
        await expectAnswer('get /actuator/health/readiness', '/actuator/health/readiness', 503);
      } finally {
        await env.clearFaults();
      }
    });

    it('answers 503 with the error body when Redis is unavailable', async () => {
      const redis = await TestRedis.start();
      const on = await startOwnDaemon({ redisUrl: redis.url, env: { BACKUP_SCHEDULE: YEARLY } });
      try {
        await redis.kill();
        await expectAnswer('post /api/v1/backups', '/api/v1/backups', 503, { body: { backupId: 50 }, on });
        await expectAnswer('get /api/v1/backups', '/api/v1/backups', 503, { on });
        await expectAnswer('get /api/v1/backups/{id}', '/api/v1/backups/10', 503, { on });
        await expectAnswer('delete /api/v1/backups/{id}', '/api/v1/backups/10', 503, { on });
        await expectAnswer('post /api/v1/restores', '/api/v1/restores', 503, { body: { backupId: 10 }, on });
        await expectAnswer('get /api/v1/restores/{id}', '/api/v1/restores/10', 503, { on });
        await expectAnswer('get /api/v1/restores', '/api/v1/restores', 503, { on });
        await expectAnswer('get /api/v1/schedules', '/api/v1/schedules', 503, { on });
        const run = '/api/v1/schedules/coordinated/run';
        await expectAnswer('post /api/v1/schedules/{name}/run', run, 503, { body: {}, on });
      } finally {
        // Not close(): that would clean its queue keys in the Redis that is gone.
        await on.stop();
        await redis.close();
      }
    });

    it('answers 401 with the error body without management credentials', async () => {
      const on = await startOwnDaemon({
        env: { MANAGEMENT_AUTH_TOKEN: 'openapi-token' },
        readyPath: '/actuator/health/liveness',
      });
      try {
        const guarded = conformance.operations.filter((key) => conformance.statusesOf(key).includes('401'));
        expect(guarded.length).toBeGreaterThan(5);
        for (const key of guarded) {
          const path = key.slice(key.indexOf(' ') + 1).replace(/\{[^}]+\}/g, '1');
          await expectAnswer(key, path, 401, { on });
        }
        // The orchestration probes stay open, as documented (no 401 listed).
        await expectAnswer('get /actuator/health/liveness', '/actuator/health/liveness', 200, { on });
      } finally {
        await on.close();
      }
    });

    it('answers every documented status of every documented operation', () => {
      expect(conformance.unseen()).toEqual([]);
    });
  },
);
