import { randomUUID } from 'node:crypto';
import { DaemonHandle } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { freePort } from '../support/processes.js';
import { BackupApiClient } from './backup-api-client.js';
import { type Component, EXPECTATIONS } from './component-expectations.js';

const COMPONENTS: Component[] = ['optimize', 'operate', 'tasklist'];

/** Every endpoint of a component API, each as one call. */
function everyEndpoint(api: BackupApiClient): Array<[string, () => ReturnType<BackupApiClient['list']>]> {
  return [
    ['POST', () => api.create(7)],
    ['GET one', () => api.get('7')],
    ['GET list', () => api.list()],
    ['DELETE', () => api.delete('7')],
  ];
}

describe.each(DatastoreUnderTest.flavoursToTest())('repository and datastore problems on %s', (flavor) => {
  let datastore: DatastoreUnderTest;
  const daemons: DaemonHandle[] = [];

  beforeAll(async () => {
    datastore = await DatastoreUnderTest.start(flavor);
  });

  afterAll(async () => {
    await Promise.all(daemons.map((d) => d.close()));
    await datastore?.close();
  });

  async function daemonWith(
    env: Record<string, string>,
    datastoreUrl = datastore.url,
  ): Promise<DaemonHandle> {
    const daemon = await DaemonHandle.start({ datastoreUrl, datastoreType: flavor, env });
    daemons.push(daemon);
    return daemon;
  }

  it('answers the contract status when no repository is configured, naming the variable', async () => {
    const daemon = await daemonWith({});
    for (const component of COMPONENTS) {
      const api = new BackupApiClient(daemon.componentUrl(component));
      for (const [endpoint, call] of everyEndpoint(api)) {
        const response = await call();
        expect(response.status, `${component} ${endpoint}`).toBe(
          EXPECTATIONS[component].repositoryProblemStatus,
        );
        expect(response.json.message).toContain('BACKUP_REPOSITORY_NAME');
      }
    }
  });

  it('answers the contract status when the repository does not exist in the datastore', async () => {
    const missing = `cbo-missing-${randomUUID().slice(0, 8)}`;
    const daemon = await daemonWith({ BACKUP_REPOSITORY_NAME: missing });
    for (const component of COMPONENTS) {
      const api = new BackupApiClient(daemon.componentUrl(component));
      for (const [endpoint, call] of everyEndpoint(api)) {
        const response = await call();
        expect(response.status, `${component} ${endpoint}`).toBe(
          EXPECTATIONS[component].repositoryProblemStatus,
        );
        expect(response.json.message).toContain(`[${missing}]`);
      }
    }
    expect(await datastore.snapshotNames(missing)).toEqual([]);
  });

  it('answers 502 naming the datastore when it cannot be reached', async () => {
    const closedPort = await freePort();
    const daemon = await daemonWith(
      { BACKUP_REPOSITORY_NAME: 'backups', DATASTORE_REQUEST_TIMEOUT_MS: '2000' },
      `http://127.0.0.1:${closedPort}`,
    );
    for (const component of COMPONENTS) {
      const api = new BackupApiClient(daemon.componentUrl(component));
      for (const [endpoint, call] of everyEndpoint(api)) {
        const response = await call();
        expect(response.status, `${component} ${endpoint}`).toBe(502);
        expect(response.json.message).toMatch(/datastore/i);
        if (EXPECTATIONS[component].errorCodes) {
          expect(response.json.errorCode).toBe('elasticsearchConnectionError');
        }
      }
    }
  });

  const withSandbox = process.env.DATASTORE_URL ? it.skip : it;

  withSandbox('answers 502 while the datastore is stopped, and 200 again once it is back', async () => {
    const repository = `cbo-stopped-${randomUUID().slice(0, 8)}`;
    await datastore.createRepository(repository);
    const daemon = await daemonWith({
      BACKUP_REPOSITORY_NAME: repository,
      DATASTORE_REQUEST_TIMEOUT_MS: '2000',
    });
    await datastore.sandbox!.stopProcess();
    try {
      for (const component of COMPONENTS) {
        const api = new BackupApiClient(daemon.componentUrl(component));
        for (const [endpoint, call] of everyEndpoint(api)) {
          expect((await call()).status, `${component} ${endpoint}`).toBe(502);
        }
      }
    } finally {
      await datastore.sandbox!.startProcess();
    }
    expect((await new BackupApiClient(daemon.componentUrl('operate')).list()).status).toBe(200);
  });

  withSandbox("answers 500 with the datastore's error type and reason for anything else", async () => {
    const repository = `cbo-500-${randomUUID().slice(0, 8)}`;
    await datastore.createRepository(repository);
    const daemon = await daemonWith({ BACKUP_REPOSITORY_NAME: repository });
    for (const component of COMPONENTS) {
      await datastore.request('POST', '/_sandbox/faults', {
        type: 'http_error',
        status: 500,
        count: 1,
        path: `/_snapshot/${repository}/*`,
        error_type: 'search_context_missing_exception',
        reason: 'shard went away',
      });
      const response = await new BackupApiClient(daemon.componentUrl(component)).list();
      expect(response.status, component).toBe(500);
      expect(response.json.message).toContain('search_context_missing_exception');
      expect(response.json.message).toContain('shard went away');
      if (EXPECTATIONS[component].errorCodes) expect(response.json.errorCode).toBe('serverError');
    }
  });

  it('uses per-component repository names over the shared one', async () => {
    const shared = `cbo-shared-${randomUUID().slice(0, 8)}`;
    const ownOptimize = `cbo-optimize-${randomUUID().slice(0, 8)}`;
    await datastore.createRepository(shared);
    const daemon = await daemonWith({
      BACKUP_REPOSITORY_NAME: shared,
      OPTIMIZE_BACKUP_REPOSITORY_NAME: ownOptimize,
    });
    const optimize = await new BackupApiClient(daemon.componentUrl('optimize')).list();
    expect(optimize.status).toBe(400);
    expect(optimize.json.message).toContain(ownOptimize);
    const operate = await new BackupApiClient(daemon.componentUrl('operate')).list();
    expect(operate.status).toBe(200);
    expect(operate.json).toEqual([]);
  });
});

describe('start-up configuration', () => {
  it('refuses invalid configuration with one message per problem naming the variable', async () => {
    const { spawnApp } = await import('../support/processes.js');
    const child = spawnApp('orchestrator', {
      OPERATE_PORT: 'not-a-port',
      DATASTORE_TYPE: 'mongodb',
      CAMUNDA_VERSION: 'Eight',
      REDIS_URL: 'http://localhost',
    });
    const code = await child.waitForExit();
    expect(code).toBe(2);
    expect(child.logs).toContain('OPERATE_PORT');
    expect(child.logs).toContain('DATASTORE_TYPE');
    expect(child.logs).toContain('CAMUNDA_VERSION');
    expect(child.logs).toContain('REDIS_URL');
  });
});
