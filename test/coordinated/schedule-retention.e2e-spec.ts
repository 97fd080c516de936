import { waitFor } from '../support/processes.js';
import { call, CoordinatedEnv } from './coordinated-env.js';

describe.each(['elasticsearch', 'opensearch'] as const)('scheduled coordinated backups on %s', (flavor) => {
  let env: CoordinatedEnv;

  beforeAll(async () => {
    env = await CoordinatedEnv.start(flavor);
  });

  afterAll(async () => {
    await env?.close();
  });

  /** IDs of the coordinated backups taken so far, oldest first (each one creates Optimize part 1 once). */
  async function backupsTaken(): Promise<string[]> {
    const ids: string[] = [];
    for (const r of await env.requests()) {
      const part = /^\/_snapshot\/[^/]+\/camunda_optimize_(\d+)_.*_part_1_of_2$/.exec(r.path);
      if ((r.method === 'PUT' || r.method === 'POST') && part) ids.push(part[1]!);
    }
    return ids;
  }

  async function snapshotIds(): Promise<Set<string>> {
    const all = (await env.datastore('GET', `/_snapshot/${env.repository}/_all`)).json.snapshots;
    return new Set(
      all.map((s: any) => /^camunda_\w+?_(\d+)/.exec(s.snapshot)?.[1] ?? /(\d+)$/.exec(s.snapshot)![1]),
    );
  }

  it('takes a backup at every tick and keeps only BACKUP_RETENTION_COUNT of them', async () => {
    await env.datastore('DELETE', '/_sandbox/requests');
    const daemon = await env.startDaemon({ BACKUP_SCHEDULE: '* * * * * *', BACKUP_RETENTION_COUNT: '2' });
    let listed: Array<{ kind: string; trigger: string; finishedAt: string | null }> = [];
    await waitFor('four scheduled backups', async () => (await backupsTaken()).length >= 4, {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    // Let the last one finish and the next tick apply retention.
    await waitFor(
      'retention after the last backup',
      async () => {
        listed = (await call(daemon.orchestratorUrl, 'GET', '/api/v1/backups')).json.backups;
        return listed.length === 2 && listed[1].finishedAt !== null;
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    // The catalog says who made them.
    expect(listed.map((b) => [b.kind, b.trigger])).toEqual([
      ['coordinated', 'schedule'],
      ['coordinated', 'schedule'],
    ]);
    await daemon.stop();

    const taken = await backupsTaken();
    const kept = await snapshotIds();
    // Only the newest ones are left in the datastore and in Zeebe; older ones are deleted completely.
    expect([...kept].every((id) => taken.slice(-3).includes(id))).toBe(true);
    expect(kept.size).toBeLessThanOrEqual(3);
    const zeebeIds = (await env.zeebe('GET', '/actuator/backups')).json.map((b: any) => String(b.backupId));
    expect(zeebeIds.every((id: string) => taken.slice(-3).includes(id))).toBe(true);
    expect(taken.slice(0, -3).every((id) => !kept.has(id) && !zeebeIds.includes(id))).toBe(true);
  });

  it('deletes backups older than BACKUP_RETENTION_MAX_AGE but never the newest COMPLETED one', async () => {
    await env.datastore('DELETE', '/_sandbox/requests');
    // Every backup fails (operate part fails), except the first: that one must survive every tick.
    const daemon = await env.startDaemon({
      BACKUP_SCHEDULE: '* * * * * *',
      BACKUP_RETENTION_MAX_AGE: '2s',
    });
    await waitFor('the first scheduled backup', async () => (await backupsTaken()).length >= 1, {
      timeoutMs: 10_000,
    });
    const first = (await backupsTaken())[0]!;
    await waitFor(
      'the first backup to complete',
      async () =>
        (await call(daemon.orchestratorUrl, 'GET', `/api/v1/backups/${first}`)).json.state === 'COMPLETED',
      { timeoutMs: 10_000 },
    );
    await env.datastore('POST', '/_sandbox/faults', {
      type: 'snapshot_outcome',
      outcome: 'FAILED',
      snapshot: 'camunda_operate_*',
      count: 100,
    });
    await waitFor('two more scheduled backups', async () => (await backupsTaken()).length >= 3, {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    // Retention runs at every tick: failed backups older than 2 s go, the first (COMPLETED) stays.
    let listed: any[] = [];
    await waitFor(
      'retention to delete old failed backups',
      async () => {
        listed = (await call(daemon.orchestratorUrl, 'GET', '/api/v1/backups')).json.backups;
        const taken = await backupsTaken();
        return (
          listed.length < taken.length &&
          !taken.slice(1, 2).some((id) => listed.some((b) => String(b.backupId) === id))
        );
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    await daemon.stop();
    await env.clearFaults();
    const ids = listed.map((b: any) => String(b.backupId));
    expect(ids).toContain(first);
    expect(listed.find((b: any) => String(b.backupId) === first).state).toBe('COMPLETED');
    for (const backup of listed) {
      const age = Date.now() - Date.parse(backup.acceptedAt);
      expect(String(backup.backupId) === first || !backup.finished || age < 2000 + 4000).toBe(true);
    }
  });
});
