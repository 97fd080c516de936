import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { BackupApiClient } from '../orchestrator/backup-api-client.js';
import { DaemonHandle } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { freePort, waitFor } from '../support/processes.js';

const MAX_AGE_SECONDS = 5;

/** A webhook receiver on a fixed port that refuses connections until `listen()`. */
class Receiver {
  readonly received: Array<{ path: string; contentType: string | undefined; body: any }> = [];
  private server?: Server;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/secret-token`;
  }

  async listen(): Promise<void> {
    this.server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => {
        this.received.push({
          path: request.url!,
          contentType: request.headers['content-type'],
          body: JSON.parse(text),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  of(event: string): any[] {
    return this.received.map((r) => r.body).filter((body) => body.event === event);
  }

  async close(): Promise<void> {
    if (this.server) await new Promise((resolve) => this.server!.close(resolve));
  }
}

/** NOTIFY_WEBHOOK_URLS: delivered through a queue, so a receiver that is down gets them later. */
describe('webhook notifications', () => {
  let datastore: DatastoreUnderTest;
  let daemon: DaemonHandle;
  let receiver: Receiver;
  const repository = `cbo-notify-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    datastore = await DatastoreUnderTest.start('elasticsearch');
    await seedCamundaIndices(datastore.url, { docsPerIndex: 1 });
    await datastore.createRepository(repository);
    receiver = new Receiver(await freePort());
    daemon = await DaemonHandle.start({
      datastoreUrl: datastore.url,
      datastoreType: 'elasticsearch',
      env: {
        BACKUP_REPOSITORY_NAME: repository,
        OPTIMIZE_ENABLED: 'false',
        TASKLIST_ENABLED: 'false',
        BACKUP_FRESHNESS_MAX_AGE: `${MAX_AGE_SECONDS}s`,
        NOTIFY_WEBHOOK_URLS: receiver.url,
        NOTIFY_ON: 'failure,success,stale',
      },
    });
  });

  afterAll(async () => {
    await daemon?.close();
    await receiver?.close();
    await datastore?.close();
  });

  it('reach a receiver that was down when they were sent, and the backup did not wait for it', async () => {
    const operate = new BackupApiClient(daemon.componentUrl('operate'));
    const accepted = Date.now();
    expect((await operate.create(1)).status).toBe(200);
    expect((await operate.waitUntilFinished('1')).state).toBe('COMPLETED');
    expect(Date.now() - accepted).toBeLessThan(10_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(daemon.process.logs).toMatch(
      /Could not deliver the success notification of operate 1 yet: http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/,
    );
    // Only the origin of the webhook is ever logged: its path may be a secret.
    expect(daemon.process.logs).not.toContain('secret-token');

    await receiver.listen();
    await waitFor('the success notification', async () => receiver.of('success').length === 1, {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    const [success] = receiver.received.filter((r) => r.body.event === 'success');
    expect(success!.path).toBe('/hooks/secret-token');
    expect(success!.contentType).toBe('application/json');
    expect(Object.keys(success!.body).sort()).toEqual(
      [
        'event',
        'component',
        'backupId',
        'state',
        'failureReason',
        'acceptedAt',
        'finishedAt',
        'durationMs',
      ].sort(),
    );
    expect(success!.body).toMatchObject({
      event: 'success',
      component: 'operate',
      backupId: '1',
      state: 'COMPLETED',
      failureReason: null,
      durationMs: expect.any(Number),
    });
    expect(Date.parse(success!.body.acceptedAt)).toBeGreaterThanOrEqual(accepted - 1000);
    expect(Date.parse(success!.body.finishedAt)).toBeGreaterThanOrEqual(Date.parse(success!.body.acceptedAt));
    expect(new Date(success!.body.finishedAt).toISOString()).toBe(success!.body.finishedAt);
  });

  it('tell a failure with its reason', async () => {
    await datastore.injectSnapshotOutcome('FAILED', 'camunda_operate_2_*part_1_of_*');
    const operate = new BackupApiClient(daemon.componentUrl('operate'));
    expect((await operate.create(2)).status).toBe(200);
    expect((await operate.waitUntilFinished('2')).state).toBe('FAILED');
    await waitFor('the failure notification', async () => receiver.of('failure').length === 1, {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    expect(receiver.of('failure')[0]).toMatchObject({
      component: 'operate',
      backupId: '2',
      state: 'FAILED',
      failureReason: expect.stringMatching(/Part 1 of 6 .* ended FAILED/),
    });
  });

  it('tell "stale" once each time freshness goes DOWN', async () => {
    // Backup 1 COMPLETED more than the maximum age ago by now: one stale notification, not one per check.
    await waitFor(
      'the stale notification of backup 1',
      async () => receiver.of('stale').some((b) => b.backupId === '1'),
      {
        timeoutMs: 20_000,
        intervalMs: 100,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const stale = receiver.of('stale');
    expect(stale.map((body) => body.backupId).filter((id) => id === '1')).toHaveLength(1);
    // Deliveries retried with backoff arrive in any order: the one of backup 1, whenever it came.
    expect(stale.find((body) => body.backupId === '1')).toMatchObject({
      component: 'operate',
      state: 'STALE',
      backupId: '1',
      failureReason: `the newest COMPLETED backup is older than ${MAX_AGE_SECONDS} s`,
      acceptedAt: null,
      durationMs: null,
    });

    // UP again after a new backup, then DOWN again: a second notification.
    const operate = new BackupApiClient(daemon.componentUrl('operate'));
    expect((await operate.create(3)).status).toBe(200);
    expect((await operate.waitUntilFinished('3')).state).toBe('COMPLETED');
    await waitFor(
      'the second stale notification',
      async () => receiver.of('stale').some((b) => b.backupId === '3'),
      {
        timeoutMs: 20_000,
        intervalMs: 100,
      },
    );
    expect(receiver.of('stale').filter((b) => b.backupId === '3')).toHaveLength(1);
  });
});
