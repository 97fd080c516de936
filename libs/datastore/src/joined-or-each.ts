import { DatastoreError, type DatastoreErrorKind } from './datastore-error.js';

/**
 * Runs one request for all `names`. If the datastore answers that something is missing (which for a
 * list means the whole request was refused), asks for each name alone, treating a missing one as
 * empty, and merges the results without duplicates (by `key`).
 */
export async function joinedOrEach<T>(
  names: readonly string[],
  missingKind: DatastoreErrorKind,
  run: (names: readonly string[]) => Promise<T[]>,
  key: (item: T) => string,
): Promise<T[]> {
  try {
    return await run(names);
  } catch (error) {
    if (!(error instanceof DatastoreError) || error.kind !== missingKind) throw error;
    if (names.length <= 1) return [];
  }
  const merged = new Map<string, T>();
  for (const name of names) {
    for (const item of await joinedOrEach([name], missingKind, run, key)) merged.set(key(item), item);
  }
  return [...merged.values()];
}
