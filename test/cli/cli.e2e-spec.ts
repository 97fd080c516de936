import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { DaemonHandle } from '../support/daemon.js';
import { waitFor } from '../support/processes.js';
import { CoordinatedEnv } from '../coordinated/coordinated-env.js';
import { CAMUNDA_INDICES } from '../../scripts/camunda-indices.mjs';

const LAUNCHER = join(import.meta.dirname, '..', '..', 'bin', 'camunda-backup.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(['elasticsearch', 'opensearch'] as const)('camunda-backup CLI against %s', (flavor) => {
  let env: CoordinatedEnv;
  let daemon: DaemonHandle;

  function cli(...args: string[]): Promise<Run> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [LAUNCHER, ...args],
        { env: { ...process.env, CAMUNDA_BACKUP_URL: daemon.orchestratorUrl } },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  beforeAll(async () => {
    env = await CoordinatedEnv.start(flavor);
    daemon = await env.startDaemon();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('creates a backup and waits for it with progress, lists it, shows and deletes it', async () => {
    const created = await cli('backup', 'create', '--wait');
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/backup \d+: IN_PROGRESS .*pause-exporting=/);
    const id = /^Backup (\d+): COMPLETED/.exec(created.stdout)![1]!;
    expect(created.stdout).toMatch(/COMPONENT\s+STATE\s+PARTS/);
    expect(created.stdout).toMatch(/operate\s+COMPLETED\s+6\/6 succeeded/);

    const list = await cli('backup', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(
      /^ID\s+STATE\s+KIND\s+TRIGGER\s+FINISHED\s+DURATION\s+SIZE\s+COMPONENTS$/,
    );
    expect(list.stdout).toMatch(
      new RegExp(
        `^${id}\\s+COMPLETED\\s+coordinated\\s+cli\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\s+(\\d+ms|\\d+s|\\d+m \\d+s)\\s+\\d`,
        'm',
      ),
    );
    const listJson = await cli('backup', 'list', '--json');
    const entry = JSON.parse(listJson.stdout).backups.find((b: any) => String(b.backupId) === id);
    expect(entry).toMatchObject({ kind: 'coordinated', trigger: 'cli', state: 'COMPLETED' });
    const filtered = await cli('backup', 'list', '--state', 'FAILED', '--json');
    expect(JSON.parse(filtered.stdout).backups.map((b: any) => String(b.backupId))).not.toContain(id);

    const described = await cli('backup', 'describe', id);
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(
      new RegExp(`^Backup ${id}: COMPLETED \\(coordinated, per-app, trigger cli\\)$`, 'm'),
    );
    expect(described.stdout).toMatch(/^Accepted \d{4}-.*, duration \S+.*, size \d/m);
    expect(described.stdout).toMatch(
      new RegExp(`^operate\\s+camunda_operate_${id}_8\\.8\\.0_part_6_of_6\\s+SUCCESS\\s+\\d{4}-`, 'm'),
    );
    expect(described.stdout).not.toMatch(/Reasons:/);

    const status = await cli('backup', 'status', id, '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'COMPLETED', finished: true });

    // Not a terminal (as here): delete refuses without --yes and deletes nothing.
    const unconfirmed = await cli('backup', 'delete', id);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(new RegExp(`Refusing to delete backup ${id}.*--yes`));
    expect((await cli('backup', 'status', id)).code).toBe(0);

    const deleted = await cli('backup', 'delete', id, '--yes');
    expect(deleted).toMatchObject({ code: 0, stdout: `Backup ${id} deleted\n` });
    expect((await cli('backup', 'status', id)).code).toBe(4);
    expect((await cli('backup', 'delete', id, '--yes')).code).toBe(4);
  });

  it('exits 1 when the awaited backup fails, 6 while one is in progress, 3 when refused', async () => {
    await env.datastore('POST', '/_sandbox/faults', {
      type: 'snapshot_outcome',
      outcome: 'FAILED',
      snapshot: 'camunda_tasklist_*',
    });
    const failed = await cli('backup', 'create', '--wait', '--json');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('');
    expect(JSON.parse(failed.stdout)).toMatchObject({ state: 'FAILED', finished: true });
    const failedId = String(JSON.parse(failed.stdout).backupId);
    const described = await cli('backup', 'describe', failedId);
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(new RegExp(`^Backup ${failedId}: FAILED`, 'm'));
    const reasons = described.stdout.slice(described.stdout.indexOf('Reasons:'));
    expect(reasons).toMatch(/^ {2}backup, tasklist, .*camunda_tasklist_/m);
    // The injected failure is shown once, not per component, part and step.
    expect(described.stdout.split('Reasons:')).toHaveLength(2);
    expect(described.stdout.match(/shard snapshot failed/g)).toHaveLength(1);
    expect(reasons).toMatch(
      /^ {2}zeebe, step zeebe-records, step zeebe-backup: an earlier step failed: \(see above\)$/m,
    );
    expect(reasons.split('\n').every((line) => line.length <= 100)).toBe(true);

    await env.zeebe('POST', '/_zeebe/faults', { type: 'backup_outcome', outcome: 'HANG' });
    const started = await cli('backup', 'create', '--json');
    expect(started.code).toBe(0);
    const id = String(JSON.parse(started.stdout).backupId);
    expect((await cli('backup', 'status', id)).code).toBe(6);
    const refused = await cli('backup', 'create');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/Error 409: Coordinated backup \d+ is still in progress/);
    // Deleting the hung Zeebe backup makes its step fail; exporting is resumed and the backup ends FAILED.
    await waitFor(
      'the Zeebe backup to hang',
      async () => (await env.zeebe('GET', `/actuator/backups/${id}`)).status === 200,
    );
    await env.zeebe('DELETE', `/actuator/backups/${id}`);
    let last: Run | undefined;
    await waitFor(
      'the hung backup to end',
      async () => (last = await cli('backup', 'status', id)).code === 1,
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${last?.code} ${last?.stdout} ${last?.stderr}`);
    });
    expect(await env.exportingState()).toBe('RUNNING');
  });

  it('restores with --wait after the indices are gone, and refuses while they exist', async () => {
    const created = await cli('backup', 'create', '--components', 'optimize', '--wait', '--json');
    expect(created.code).toBe(0);
    const id = String(JSON.parse(created.stdout).backupId);

    const refused = await cli('restore', id);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/Indices of the components to restore exist/);

    for (const index of CAMUNDA_INDICES.optimize) await env.datastore('DELETE', `/${index}`);
    const restored = await cli('restore', id, '--wait');
    expect(restored.code).toBe(0);
    expect(restored.stderr).toMatch(/restore \d+: (QUEUED|IN_PROGRESS|COMPLETED) \d+\/2 snapshots/);
    expect(restored.stdout).toMatch(/Restore of backup \d+: COMPLETED/);
    expect(restored.stdout).toMatch(/optimize\s+camunda_optimize_\d+_8\.8\.0_part_2_of_2\s+RESTORED/);
    expect((await cli('restore', '999')).code).toBe(4);

    const restores = await cli('restore', 'list');
    expect(restores.code).toBe(0);
    expect(restores.stdout).toMatch(/^BACKUP ID\s+STATE\s+COMPONENTS\s+ACCEPTED\s+FINISHED\s+DURATION$/m);
    expect(restores.stdout).toMatch(new RegExp(`^${id}\\s+COMPLETED\\s+optimize\\s+\\d{4}-`, 'm'));
    const restoresJson = JSON.parse((await cli('restore', 'list', '--json')).stdout);
    expect(String(restoresJson[0].backupId)).toBe(id);
    expect(restoresJson[0]).toMatchObject({
      state: 'COMPLETED',
      components: ['optimize'],
      failureReason: null,
    });
    for (const time of ['acceptedAt', 'startedAt', 'finishedAt']) {
      expect(Date.parse(restoresJson[0][time])).toBeGreaterThan(0);
    }
    const status = await cli('restore', 'status', id);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^Restore of backup ${id}: COMPLETED \\(optimize\\)$`, 'm'));
    expect((await cli('restore', 'status', '999')).code).toBe(4);
  });

  it('shows the schedule and runs it now', async () => {
    const none = await cli('schedule', 'show');
    expect(none).toMatchObject({ code: 0, stdout: 'No schedule (BACKUP_SCHEDULE is not set)\n' });
    expect((await cli('schedule', 'run')).code).toBe(4);

    const scheduled = await env.startDaemon({ BACKUP_SCHEDULE: '0 0 1 1 *', BACKUP_RETENTION_COUNT: '5' });
    const url = ['--url', scheduled.orchestratorUrl];
    const shown = await cli('schedule', 'show', ...url);
    expect(shown.stdout).toMatch(/^Schedule coordinated: "0 0 1 1 \*" \(UTC\)$/m);
    expect(shown.stdout).toMatch(/^Next run: {2}\d{4}-01-01 00:00:00Z$/m);
    expect(shown.stdout).toMatch(/^Retention: keep 5$/m);
    expect(shown.stdout).toMatch(/^Last run: {2}none yet$/m);

    const run = await cli('schedule', 'run', ...url);
    expect(run.code).toBe(0);
    const id = /^Backup (\d+) started by schedule coordinated$/m.exec(run.stdout)![1]!;
    expect(run.stdout).toMatch(/^Retention deleted nothing$/m);
    expect((await cli('schedule', 'run', 'nightly', ...url)).code).toBe(4);
    const last = await cli('schedule', 'show', ...url);
    expect(last.stdout).toMatch(
      new RegExp(`^Last run: {2}\\S+ \\S+: (IN_PROGRESS|COMPLETED), backup ${id}$`, 'm'),
    );
    await waitFor(
      'the run-now backup to finish',
      async () => (await cli('backup', 'status', id, ...url)).code === 0,
    );
    await scheduled.stop();
  });

  it('exits 2 on wrong usage and 5 when the orchestrator cannot be reached', async () => {
    expect((await cli('backup', 'explode')).code).toBe(2);
    expect((await cli('backup', 'status', 'abc')).code).toBe(2);
    expect((await cli('backup', 'list', '--colour')).code).toBe(2);
    expect((await cli('--help')).code).toBe(0);
    const unreachable = await cli('backup', 'list', '--url', 'http://127.0.0.1:9');
    expect(unreachable.code).toBe(5);
    expect(unreachable.stderr).toMatch(/Cannot reach the orchestrator/);
  });
});
