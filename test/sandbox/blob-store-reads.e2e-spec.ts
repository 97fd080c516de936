import type { SandboxHandle } from '../support/sandbox.js';
import { putRepository, raw, seedIndex, startSandbox } from './helpers.js';

// Product contract §7: SANDBOX_REPOSITORY_READ_MS makes every detailed snapshot read cost that many
// ms, at most min(3 × SANDBOX_ALLOCATED_PROCESSORS, 50) at a time (Elasticsearch's snapshot_meta
// pool, which sizes TransportGetSnapshotsAction's SnapshotInfo reads); verbose=false reads only the
// repository index. Bounds below are lower bounds derived from the model, never tight timings.
const READ_MS = 150;
const PROCESSORS = 1; // pool of 3
const SNAPSHOTS = 9; // verbose: ceil(9 / 3) = 3 waves

async function timed(sandbox: SandboxHandle, path: string): Promise<{ ms: number; body: any }> {
  const start = performance.now();
  const response = await raw(sandbox, 'GET', path);
  expect(response.status).toBe(200);
  return { ms: performance.now() - start, body: response.body };
}

describe('blob-store repository read cost', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({
      env: { SANDBOX_REPOSITORY_READ_MS: String(READ_MS), SANDBOX_ALLOCATED_PROCESSORS: String(PROCESSORS) },
    });
    await putRepository(sandbox, 'repo');
    await seedIndex(sandbox, 'data', 3);
    for (let n = 0; n < SNAPSHOTS; n++) {
      const created = await raw(sandbox, 'PUT', `/_snapshot/repo/snap-${n}?wait_for_completion=true`, {
        indices: 'data',
      });
      if (created.status !== 200) throw new Error(`snapshot ${n}: ${created.text}`);
    }
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('makes a verbose list of N snapshots cost ceil(N / pool) reads and verbose=false one read', async () => {
    const brief = await timed(sandbox, '/_snapshot/repo/_all?verbose=false');
    const verbose = await timed(sandbox, '/_snapshot/repo/_all');
    expect(brief.body.snapshots).toHaveLength(SNAPSHOTS);
    expect(verbose.body.snapshots).toHaveLength(SNAPSHOTS);
    expect(brief.ms).toBeGreaterThanOrEqual(READ_MS - 5);
    expect(verbose.ms).toBeGreaterThanOrEqual(3 * READ_MS - 5);
    // verbose costs two more waves than verbose=false's single read
    expect(verbose.ms - brief.ms).toBeGreaterThanOrEqual(READ_MS);
  });

  it('charges one read per snapshot for a verbose read of named snapshots', async () => {
    const one = await timed(sandbox, '/_snapshot/repo/snap-0');
    expect(one.ms).toBeGreaterThanOrEqual(READ_MS - 5);
    const four = await timed(sandbox, '/_snapshot/repo/snap-0,snap-1,snap-2,snap-3');
    expect(four.body.snapshots).toHaveLength(4);
    expect(four.ms).toBeGreaterThanOrEqual(2 * READ_MS - 5);
  });

  it('charges the status of completed snapshots a SnapshotInfo read plus one read per shard', async () => {
    // 4 snapshots × (1 info + 1 shard) = 8 reads on a pool of 3 → 3 waves
    const status = await timed(sandbox, '/_snapshot/repo/snap-0,snap-1,snap-2,snap-3/_status');
    expect(status.body.snapshots).toHaveLength(4);
    expect(status.ms).toBeGreaterThanOrEqual(3 * READ_MS - 5);
  });
});
