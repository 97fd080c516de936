import { type HttpAnswer, httpRequest } from '../support/http.js';
import { freePort, waitFor } from '../support/processes.js';
import type { SandboxHandle } from '../support/sandbox.js';
import { startSandbox } from './helpers.js';

type Version = 'legacy' | '8.8' | '8.9' | '8.10';

interface ZeebeSandbox {
  sandbox: SandboxHandle;
  call(method: string, path: string, body?: unknown): Promise<HttpAnswer>;
}

async function startZeebe(version: Version, extra: Record<string, string> = {}): Promise<ZeebeSandbox> {
  const port = await freePort();
  const sandbox = await startSandbox({
    env: {
      SANDBOX_ZEEBE_PORT: String(port),
      SANDBOX_ZEEBE_VERSION: version,
      SANDBOX_ZEEBE_PARTITIONS: '2',
      SANDBOX_ZEEBE_BACKUP_MS: '20',
      ...extra,
    },
  });
  return {
    sandbox,
    call: (method, path, body) => httpRequest(`http://127.0.0.1:${port}${path}`, { method, body }),
  };
}

async function waitForState(zeebe: ZeebeSandbox, id: number, state: string): Promise<any> {
  let last: HttpAnswer | undefined;
  await waitFor(`backup ${id} ${state}`, async () => {
    last = await zeebe.call('GET', `/actuator/backupRuntime/${id}`);
    return last.json?.state === state;
  }).catch((error: Error) => {
    throw new Error(`${error.message}; last: ${last?.text}`);
  });
  return last!.json;
}

const SCHEDULED = (id: number) =>
  `A backup with id ${id} has been scheduled. Use GET actuator/backups/${id} to monitor the status.`;

describe.each(['8.8', '8.9', '8.10'] as const)('Zeebe stand-in as Camunda %s', (version) => {
  let zeebe: ZeebeSandbox;
  const from89 = version !== '8.8';

  beforeAll(async () => {
    zeebe = await startZeebe(version);
  });
  afterAll(async () => {
    await zeebe.sandbox.close();
  });
  beforeEach(async () => {
    await zeebe.call('POST', '/_zeebe/reset');
  });

  it('pauses (soft and hard) and resumes exporting with HTTP 200 and the outcome in the body', async () => {
    const soft = await zeebe.call('POST', '/actuator/exporting/pause?soft=true');
    expect(soft.status).toBe(200);
    expect(soft.text).toBe('{"body":null,"status":204,"contentType":null}');
    expect((await zeebe.call('GET', '/_zeebe/state')).json.exporting).toBe('SOFT_PAUSED');
    expect((await zeebe.call('POST', '/actuator/exporting/pause')).json.status).toBe(204);
    expect((await zeebe.call('GET', '/_zeebe/state')).json.exporting).toBe('PAUSED');
    const resumed = await zeebe.call('POST', '/actuator/exporting/resume');
    expect([resumed.status, resumed.json]).toEqual([200, { body: null, status: 204, contentType: null }]);
    expect((await zeebe.call('GET', '/_zeebe/state')).json).toMatchObject({
      version,
      exporting: 'EXPORTING',
    });
  });

  it('reports an exporting failure as status 500 inside HTTP 200 and leaves exporting as it was', async () => {
    await zeebe.call('POST', '/_zeebe/faults', { type: 'exporting_failure', operation: 'pause' });
    const failed = await zeebe.call('POST', '/actuator/exporting/pause?soft=true');
    expect(failed.status).toBe(200);
    expect(failed.json).toMatchObject({
      status: 500,
      contentType: null,
      body: expect.stringContaining('failed'),
    });
    expect((await zeebe.call('GET', '/_zeebe/state')).json.exporting).toBe('EXPORTING');
    const unknown = await zeebe.call('POST', '/actuator/exporting/stop');
    expect([unknown.status, unknown.json.status]).toEqual([200, 500]);
    await zeebe.call('POST', '/_zeebe/faults', {
      type: 'http_error',
      path: '/actuator/exporting/resume',
      status: 503,
    });
    expect((await zeebe.call('POST', '/actuator/exporting/resume')).status).toBe(503);
    const events = (await zeebe.call('GET', '/_zeebe/events')).json;
    expect(events.map((e: any) => [e.operation, e.status, e.bodyStatus ?? null, e.exportingAfter])).toEqual([
      ['soft-pause', 200, 500, 'EXPORTING'],
      ['other', 200, 500, 'EXPORTING'],
      ['resume', 503, null, 'EXPORTING'],
    ]);
    expect((await zeebe.call('GET', '/_zeebe/pause-windows')).json).toEqual([]);
  });

  it('takes a backup with the 202 body of the version and reports every partition', async () => {
    const taken = await zeebe.call('POST', '/actuator/backupRuntime', { backupId: 10 });
    expect(taken.status).toBe(202);
    const expected =
      version === '8.8'
        ? { message: SCHEDULED(10) }
        : version === '8.9'
          ? { backupId: 10, message: SCHEDULED(10) }
          : { backupId: 10, backupIds: { default: 10 }, message: SCHEDULED(10) };
    expect(taken.json).toEqual(expected);
    const done = await waitForState(zeebe, 10, 'COMPLETED');
    expect(done.details).toHaveLength(2);
    expect(done.details[1]).toMatchObject({
      partitionId: 2,
      state: 'COMPLETED',
      brokerVersion: `${version}.0`,
    });
    expect(done.details[0].createdAt).toMatch(/\.\d{9}Z$/);
    expect('firstLogPosition' in done.details[0]).toBe(from89);
    expect('physicalTenantId' in done.details[0]).toBe(version === '8.10');
    // The documented example sends the ID as a string.
    expect((await zeebe.call('POST', '/actuator/backupRuntime', { backupId: '11' })).status).toBe(202);
  });

  it('refuses IDs that are missing, not positive, or not above every earlier one', async () => {
    for (const body of [undefined, {}, { backupId: 0 }, { backupId: -4 }, { backupId: 'x' }]) {
      const refused = await zeebe.call('POST', '/actuator/backupRuntime', body);
      expect([refused.status, refused.json.message]).toEqual([
        400,
        'A backupId must be provided and it must be > 0',
      ]);
    }
    await zeebe.call('POST', '/actuator/backupRuntime', { backupId: 20 });
    const same = await zeebe.call('POST', '/actuator/backupRuntime', { backupId: 20 });
    const lower = await zeebe.call('POST', '/actuator/backupRuntime', { backupId: 7 });
    expect(same.status).toBe(409);
    expect(lower.json.message).toBe(
      version === '8.8'
        ? 'Requested backup has id 7. The latest backup has id 20. A backupId is an integer and must be greater than the ID of previous backups that are completed, failed, or deleted. Zeebe does not take two backups with the same ids.'
        : 'Requested backup has ID 7. The latest backup has ID 20. The backup ID must be greater than the ID of previous backups that are completed, failed, or deleted.',
    );
  });

  it('answers 404 for an unknown ID and 400 with the exact messages for bad paths', async () => {
    const missing = await zeebe.call('GET', '/actuator/backupRuntime/999');
    expect([missing.status, missing.text]).toEqual([404, '{"message":"Backup with id 999 does not exist"}']);
    const word = await zeebe.call('GET', '/actuator/backupRuntime/abc');
    expect([word.status, word.json]).toEqual([
      400,
      { message: "Expected a backup ID or prefix ending with '*', but got 'abc'." },
    ]);
    const nested = await zeebe.call('GET', '/actuator/backupRuntime/1/2');
    expect([nested.status, nested.json]).toEqual([400, { message: 'Invalid arguments provided.' }]);
  });

  it('lists all backups and by prefix, highest ID first', async () => {
    for (const id of [5, 12, 100, 120, 130])
      await zeebe.call('POST', '/actuator/backupRuntime', { backupId: id });
    const all = await zeebe.call('GET', '/actuator/backupRuntime');
    expect(all.json.map((b: { backupId: number }) => b.backupId)).toEqual([130, 120, 100, 12, 5]);
    expect(Object.keys(all.json[0].details[0])).toEqual([
      'partitionId',
      'state',
      'createdAt',
      'brokerVersion',
    ]);
    const prefixed = await zeebe.call('GET', '/actuator/backupRuntime/12*');
    expect(prefixed.json.map((b: { backupId: number }) => b.backupId)).toEqual([120, 12]);
    expect((await zeebe.call('GET', '/actuator/backupRuntime/9*')).json).toEqual([]);
  });

  it(`deletes with 204; the ID stays unusable and ${from89 ? 'the backup reads DELETED' : 'the backup is gone'}`, async () => {
    await zeebe.call('POST', '/actuator/backupRuntime', { backupId: 30 });
    await waitForState(zeebe, 30, 'COMPLETED');
    expect((await zeebe.call('DELETE', '/actuator/backupRuntime/30')).status).toBe(204);
    const after = await zeebe.call('GET', '/actuator/backupRuntime/30');
    if (from89) {
      expect(after.status).toBe(200);
      expect(after.json).toMatchObject({
        backupId: 30,
        state: 'DELETED',
        details: [{ state: 'DELETED' }, { state: 'DELETED' }],
      });
    } else {
      expect(after.status).toBe(404);
    }
    expect((await zeebe.call('POST', '/actuator/backupRuntime', { backupId: 30 })).status).toBe(409);
  });

  it('does not serve the ≤ 8.7 /actuator/backups of a combined deployment', async () => {
    for (const [method, path] of [
      ['GET', '/actuator/backups'],
      ['POST', '/actuator/backups'],
      ['GET', '/actuator/backups/1'],
    ]) {
      const answer = await zeebe.call(method, path, method === 'POST' ? { backupId: 1 } : undefined);
      expect(answer.status).toBe(404);
      expect(answer.json).toMatchObject({ status: 404, error: 'Not Found', path });
    }
  });

  it(from89 ? 'serves the runtime state, its sync and its reset' : 'has no state endpoint', async () => {
    const state = await zeebe.call('GET', '/actuator/backupRuntime/state');
    if (!from89) {
      expect([state.status, state.json.message]).toEqual([
        400,
        "Expected a backup ID or prefix ending with '*', but got 'state'.",
      ]);
      return;
    }
    expect([state.status, state.json]).toEqual([200, { checkpointStates: [], backupStates: [], ranges: [] }]);
    await zeebe.call('POST', '/actuator/backupRuntime', { backupId: 40 });
    await waitForState(zeebe, 40, 'COMPLETED');
    const synced = await zeebe.call('POST', '/actuator/backupRuntime/state/sync');
    expect(synced.status).toBe(200);
    expect(synced.json.checkpointStates).toEqual([
      expect.objectContaining({ partitionId: 1, checkpointId: 40, checkpointType: 'MANUAL_BACKUP' }),
      expect.objectContaining({ partitionId: 2, checkpointId: 40 }),
    ]);
    expect(synced.json.ranges[0]).toMatchObject({
      partitionId: 1,
      start: { checkpointId: 40, firstLogPosition: 1 },
      end: { checkpointId: 40 },
    });
    expect(synced.json.backupStates[0]).toMatchObject({
      checkpointId: 40,
      checkpointTimestamp: expect.stringMatching(/Z$/),
    });
    expect((await zeebe.call('DELETE', '/actuator/backupRuntime/state')).status).toBe(204);
    expect((await zeebe.call('GET', '/actuator/backupRuntime/state')).json).toEqual({
      checkpointStates: [],
      backupStates: [],
      ranges: [],
    });
  });

  it('applies injected HTTP errors and backup outcomes to the new endpoints', async () => {
    await zeebe.call('POST', '/_zeebe/faults', {
      type: 'http_error',
      path: '/actuator/backupRuntime',
      method: 'POST',
      status: 504,
    });
    const faulted = await zeebe.call('POST', '/actuator/backupRuntime', { backupId: 50 });
    expect([faulted.status, faulted.json.message]).toEqual([504, 'injected HTTP 504 fault']);
    await zeebe.call('POST', '/_zeebe/faults', { type: 'backup_outcome', outcome: 'FAILED' });
    expect((await zeebe.call('POST', '/actuator/backupRuntime', { backupId: 50 })).status).toBe(202);
    const failed = await waitForState(zeebe, 50, 'FAILED');
    expect(failed.failureReason).toContain('fault injection');
    await zeebe.call('POST', '/_zeebe/faults', {
      type: 'http_error',
      path: '/actuator/exporting/*',
      status: 502,
    });
    expect((await zeebe.call('POST', '/actuator/exporting/resume')).status).toBe(502);
  });

  it('shows tests every exporting and backup request in order, and the pause windows', async () => {
    await httpRequest(`${zeebe.sandbox.url}/_sandbox/requests`, { method: 'DELETE' });
    await zeebe.call('POST', '/actuator/exporting/pause?soft=true');
    await zeebe.call('POST', '/actuator/backupRuntime', { backupId: 60 });
    await zeebe.call('GET', '/actuator/backupRuntime/60');
    await zeebe.call('POST', '/actuator/exporting/resume');
    await zeebe.call('POST', '/actuator/exporting/pause');
    const events = (await zeebe.call('GET', '/_zeebe/events')).json;
    expect(
      events.map((e: any) => [
        e.operation,
        e.status,
        e.bodyStatus ?? null,
        e.exportingBefore,
        e.exportingAfter,
        e.backupId ?? null,
      ]),
    ).toEqual([
      ['soft-pause', 200, 204, 'EXPORTING', 'SOFT_PAUSED', null],
      ['take-backup', 202, null, 'SOFT_PAUSED', 'SOFT_PAUSED', 60],
      ['get-backup', 200, null, 'SOFT_PAUSED', 'SOFT_PAUSED', 60],
      ['resume', 200, 204, 'SOFT_PAUSED', 'EXPORTING', null],
      ['pause', 200, 204, 'EXPORTING', 'PAUSED', null],
    ]);
    const times = events.map((e: any) => Date.parse(e.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.map((e: any) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const windows = (await zeebe.call('GET', '/_zeebe/pause-windows')).json;
    expect(windows).toEqual([
      expect.objectContaining({
        kind: 'SOFT_PAUSED',
        pausedSeq: 1,
        resumedSeq: 4,
        pauses: 1,
        backupIds: [60],
      }),
      expect.objectContaining({ kind: 'PAUSED', pausedSeq: 5, resumedAt: null, backupIds: [] }),
    ]);
    // The same calls are in the sandbox's shared request log, with their times.
    const logged = (await httpRequest(`${zeebe.sandbox.url}/_sandbox/requests`)).json;
    expect(logged.filter((r: any) => r.path.startsWith('/actuator/')).map((r: any) => r.path)).toEqual(
      expect.arrayContaining([
        '/actuator/exporting/pause',
        '/actuator/backupRuntime',
        '/actuator/exporting/resume',
      ]),
    );
  });
});

describe.each(['8.9', '8.10'] as const)('Zeebe %s with continuous backups', (version) => {
  let zeebe: ZeebeSandbox;

  beforeAll(async () => {
    zeebe = await startZeebe(version, { SANDBOX_ZEEBE_CONTINUOUS_BACKUPS: 'true' });
  });
  afterAll(async () => {
    await zeebe.sandbox.close();
  });

  it('refuses an explicit ID with the version message and generates one when the body is empty', async () => {
    const refused = await zeebe.call('POST', '/actuator/backupRuntime', { backupId: 5 });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toBe(
      version === '8.9'
        ? 'Cannot take backup with predetermined backupId when continuous backups are enabled. Use POST actuator/backupRuntime without specifying a backupId.'
        : 'Cannot take backup with predetermined backupId when continuous backups and/or backup or checkpoint scheduler is enabled. Use POST actuator/backupRuntime without specifying a backupId. Affected physical tenant(s): [default].',
    );
    const before = Date.now();
    const first = await zeebe.call('POST', '/actuator/backupRuntime');
    const second = await zeebe.call('POST', '/actuator/backupRuntime');
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.json.backupId).toBeGreaterThanOrEqual(before);
    expect(second.json.backupId).toBeGreaterThan(first.json.backupId);
    await waitForState(zeebe, second.json.backupId, 'COMPLETED');
    const state = (await zeebe.call('GET', '/actuator/backupRuntime/state')).json;
    expect(state.checkpointStates[0]).toMatchObject({
      checkpointId: second.json.backupId,
      checkpointType: 'SCHEDULED_BACKUP',
    });
  });
});

describe('Zeebe stand-in by default (≤ 8.7 gateway)', () => {
  let zeebe: ZeebeSandbox;

  beforeAll(async () => {
    zeebe = await startZeebe('legacy');
  });
  afterAll(async () => {
    await zeebe.sandbox.close();
  });

  it('keeps /actuator/backups and real 204s, fails exporting with HTTP 500, and logs events too', async () => {
    expect((await zeebe.call('POST', '/actuator/exporting/pause?soft=true')).status).toBe(204);
    expect((await zeebe.call('POST', '/actuator/backups', { backupId: 3 })).status).toBe(202);
    expect((await zeebe.call('GET', '/actuator/backupRuntime')).status).toBe(404);
    await zeebe.call('POST', '/_zeebe/faults', { type: 'exporting_failure' });
    expect((await zeebe.call('POST', '/actuator/exporting/resume')).status).toBe(500);
    expect((await zeebe.call('GET', '/_zeebe/state')).json).toMatchObject({
      version: 'legacy',
      exporting: 'SOFT_PAUSED',
    });
    expect((await zeebe.call('POST', '/actuator/exporting/resume')).status).toBe(204);
    expect((await zeebe.call('GET', '/_zeebe/state')).json.exporting).toBe('RUNNING');
    const windows = (await zeebe.call('GET', '/_zeebe/pause-windows')).json;
    expect(windows).toEqual([
      expect.objectContaining({ kind: 'SOFT_PAUSED', pauses: 1, backupIds: [3], resumedSeq: 5 }),
    ]);
  });
});
