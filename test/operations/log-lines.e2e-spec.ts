import { randomUUID } from 'node:crypto';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { BackupApiClient } from '../orchestrator/backup-api-client.js';
import { DaemonHandle } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { waitFor } from '../support/processes.js';
import { get } from './http.js';

/** The daemon's JSON lines so far. */
function linesOf(daemon: DaemonHandle): any[] {
  return daemon.process.logs
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

/** Request lines: no headers, info up to 4xx, error for 5xx. Final lines of backups: state, duration, ID. */
describe('log lines', () => {
  let datastore: DatastoreUnderTest;
  let daemon: DaemonHandle;
  const repository = `cbo-logs-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    datastore = await DatastoreUnderTest.start('elasticsearch');
    await seedCamundaIndices(datastore.url, { docsPerIndex: 1 });
    await datastore.createRepository(repository);
    daemon = await DaemonHandle.start({
      datastoreUrl: datastore.url,
      datastoreType: 'elasticsearch',
      env: { BACKUP_REPOSITORY_NAME: repository, LOG_LEVEL: 'info', DATASTORE_REQUEST_TIMEOUT_MS: '2000' },
    });
  });

  afterAll(async () => {
    await daemon?.close();
    await datastore?.close();
  });

  it('end every backup with one line carrying its state, duration and ID (error when it FAILED)', async () => {
    const operate = new BackupApiClient(daemon.componentUrl('operate'));
    expect((await operate.create(1)).status).toBe(200);
    expect((await operate.waitUntilFinished('1')).state).toBe('COMPLETED');
    await datastore.injectSnapshotOutcome('FAILED', 'camunda_operate_2_*part_1_of_*');
    expect((await operate.create(2)).status).toBe(200);
    expect((await operate.waitUntilFinished('2')).state).toBe('FAILED');

    let finals: any[] = [];
    await waitFor('both final lines', async () => {
      finals = linesOf(daemon).filter((line) => line.state !== undefined && line.component === 'operate');
      return finals.length === 2;
    });
    expect(finals[0]).toMatchObject({
      level: 'info',
      msg: expect.stringMatching(/^operate backup 1 ended COMPLETED in /),
      backupId: '1',
      state: 'COMPLETED',
      durationMs: expect.any(Number),
    });
    expect(finals[1]).toMatchObject({
      level: 'error',
      msg: expect.stringMatching(/^operate backup 2 ended FAILED in .*: Part 1 of 6/),
      backupId: '2',
      state: 'FAILED',
      durationMs: expect.any(Number),
      failureReason: expect.stringMatching(/ended FAILED/),
    });
  });

  it('log requests without headers: 4xx at info, 5xx at error', async () => {
    const headers = { authorization: 'Bearer not-in-any-line', 'x-custom': 'also-not' };
    expect((await get(`${daemon.componentUrl('operate')}/actuator/backups/999`, headers)).status).toBe(404);
    await datastore.sandbox!.stopProcess();
    try {
      const failed = await get(`${daemon.componentUrl('operate')}/actuator/backups`, headers);
      expect(failed.status).toBeGreaterThanOrEqual(500);
      let notFound: any;
      let serverError: any;
      await waitFor('both request lines', async () => {
        const requests = linesOf(daemon).filter((line) => line.req !== undefined && line.res !== undefined);
        notFound = requests.find((line) => line.req.url === '/actuator/backups/999');
        serverError = requests.find(
          (line) => line.req.url === '/actuator/backups' && line.req.method === 'GET',
        );
        return notFound !== undefined && serverError !== undefined;
      });
      expect(notFound).toMatchObject({ level: 'info', res: { statusCode: 404 } });
      expect(serverError).toMatchObject({ level: 'error', res: { statusCode: failed.status } });
      for (const line of [notFound, serverError]) {
        expect(Object.keys(line.req).sort()).toEqual(['id', 'method', 'remoteAddress', 'url']);
        expect(Object.keys(line.res)).toEqual(['statusCode']);
      }
      expect(daemon.process.logs).not.toContain('not-in-any-line');
      expect(daemon.process.logs).not.toContain('also-not');
    } finally {
      await datastore.sandbox!.startProcess();
    }
  });

  it('never hold up requests while nobody reads stdout, and all arrive once it is read again', async () => {
    // A log collector that falls behind leaves stdout a full pipe (64 KiB here). A synchronous logger
    // would block the whole process on it; the daemon keeps answering and writes the lines later.
    const stdout = daemon.process.child.stdout!;
    const marker = randomUUID();
    const urls = Array.from(
      { length: 1500 },
      (_, n) => `${daemon.componentUrl('operate')}/actuator/backups/${900_000 + n}?stalled=${marker}`,
    );
    stdout.pause();
    try {
      for (let n = 0; n < urls.length; n += 50) {
        const answers = await Promise.all(urls.slice(n, n + 50).map((url) => get(url)));
        expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 404));
      }
    } finally {
      stdout.resume();
    }
    let logged: string[] = [];
    await waitFor('every request line', async () => {
      logged = linesOf(daemon)
        .filter((line) => line.req?.url?.includes(marker))
        .map((line) => line.req.url);
      return logged.length === urls.length;
    });
    // (Requests of a batch run concurrently: their lines come in the order they were answered.)
    expect(logged.sort()).toEqual(urls.map((url) => new URL(url).pathname + new URL(url).search).sort());
  });
});
