import type { SandboxHandle } from '../support/sandbox.js';
import { esClient, putRepository, raw, seedIndex, startSandbox } from './helpers.js';

describe('state across restarts', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ env: { SANDBOX_SNAPSHOT_MIN_MS: '60' } });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('keeps indices, documents, aliases, repositories and snapshots; fails an interrupted snapshot', async () => {
    await raw(sandbox, 'PUT', '/kept', { aliases: { 'kept-alias': {} } });
    await seedIndex(sandbox, 'docs', 4);
    await putRepository(sandbox, 'repo');
    const body = '{"indices":"docs","metadata":{"backupId":9223372036854775807}}';
    await raw(sandbox, 'PUT', '/_snapshot/repo/done?wait_for_completion=true', body);
    await raw(sandbox, 'POST', '/_sandbox/faults', {
      type: 'snapshot_outcome',
      outcome: 'HANG',
      snapshot: 'running',
    });
    await raw(sandbox, 'PUT', '/_snapshot/repo/running', { indices: 'docs' });

    await sandbox.restart();

    expect((await esClient(sandbox).count({ index: 'docs' })).count).toBe(4);
    expect((await esClient(sandbox).get({ index: 'docs', id: '2' }))['_source']).toEqual({ n: 2 });
    expect(Object.keys((await raw(sandbox, 'GET', '/kept/_alias')).body.kept.aliases)).toEqual([
      'kept-alias',
    ]);
    expect(Object.keys((await raw(sandbox, 'GET', '/_snapshot')).body)).toEqual(['repo']);
    const done = await raw(sandbox, 'GET', '/_snapshot/repo/done');
    expect(done.body.snapshots[0].state).toBe('SUCCESS');
    expect(done.text).toContain('"backupId":9223372036854775807');
    const interrupted = (await raw(sandbox, 'GET', '/_snapshot/repo/running')).body.snapshots[0];
    expect(interrupted.state).toBe('FAILED');
    expect(interrupted.reason).toContain('node restart');
    expect(interrupted.end_time_in_millis).toBeGreaterThan(0);
  });

  it('shows the snapshots of a repository folder to a fresh sandbox that registers it', async () => {
    const fresh = await startSandbox();
    try {
      const location = `${sandbox.repoRoot}/repo`;
      const registered = await raw(fresh, 'PUT', '/_snapshot/again', {
        type: 'fs',
        settings: { location: 'unused' },
      });
      expect(registered.status).toBe(200);
      const outside = await raw(fresh, 'PUT', '/_snapshot/elsewhere', { type: 'fs', settings: { location } });
      expect(outside.status).toBe(500);
    } finally {
      await fresh.close();
    }
    const reused = await raw(sandbox, 'PUT', '/_snapshot/second-name', {
      type: 'fs',
      settings: { location: `${sandbox.repoRoot}/repo` },
    });
    expect(reused.status).toBe(200);
    const names = (await raw(sandbox, 'GET', '/_snapshot/second-name/_all')).body.snapshots.map(
      (s: { snapshot: string }) => s.snapshot,
    );
    expect(names.sort()).toEqual(['done', 'running']);
    await raw(sandbox, 'DELETE', '/docs');
    await raw(sandbox, 'POST', '/_sandbox/reset');
    await raw(sandbox, 'PUT', '/_snapshot/back', { type: 'fs', settings: { location: 'repo' } });
    const restored = await raw(sandbox, 'POST', '/_snapshot/back/done/_restore?wait_for_completion=true');
    expect(restored.body.snapshot.indices).toEqual(['docs']);
    expect((await raw(sandbox, 'GET', '/docs/_count')).body.count).toBe(4);
  });

  it('refuses invalid configuration with a message naming the variable', async () => {
    const { spawnApp } = await import('../support/processes.js');
    const child = spawnApp('sandbox', { SANDBOX_FLAVOR: 'solr', SANDBOX_PORT: '0' });
    expect(await child.waitForExit()).toBe(1);
    expect(child.logs).toContain('SANDBOX_FLAVOR');
  });
});
