import { DatastoreError } from './datastore-error.js';
import { joinedOrEach } from './joined-or-each.js';

const missing = () => new DatastoreError('snapshot_missing', 'missing');

describe('joinedOrEach', () => {
  it('asks once when the datastore accepts the whole list', async () => {
    const run = vi.fn<(names: readonly string[]) => Promise<string[]>>(async (names) => [...names]);
    expect(await joinedOrEach(['a', 'b'], 'snapshot_missing', run, String)).toEqual(['a', 'b']);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('asks name by name when one is missing, skipping the missing ones and duplicates', async () => {
    const existing: Record<string, string[]> = { 'a*': ['a1', 'a2'], 'a1*': ['a1'] };
    const run = vi.fn<(names: readonly string[]) => Promise<string[]>>(async (names) => {
      if (names.some((name) => !existing[name])) throw missing();
      return names.flatMap((name) => existing[name]);
    });
    expect(await joinedOrEach(['a*', 'gone', 'a1*'], 'snapshot_missing', run, String)).toEqual(['a1', 'a2']);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it('yields [] when the only name is missing, and rethrows other errors', async () => {
    expect(await joinedOrEach(['x'], 'snapshot_missing', () => Promise.reject(missing()), String)).toEqual(
      [],
    );
    const other = new DatastoreError('repository_missing', 'no repo');
    await expect(
      joinedOrEach(['x', 'y'], 'snapshot_missing', () => Promise.reject(other), String),
    ).rejects.toBe(other);
  });
});
