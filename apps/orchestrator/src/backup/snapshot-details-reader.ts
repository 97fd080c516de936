import type { Logger } from '@nestjs/common';
import type { SnapshotDatastore, SnapshotSummary } from '@app/datastore';
import { SnapshotDetailsCache, isFinished } from './snapshot-details-cache.js';
import { translateRepositoryMissing } from './snapshot-repository.js';

/**
 * Names adding up to about this many characters go in one detailed read: Elasticsearch refuses
 * request lines over 4 KiB (`http.max_initial_line_length`), and the path holds more than the names.
 */
const BATCH_NAME_CHARS = 3000;
/** Detailed reads in flight at once: enough to keep the datastore's snapshot-metadata pool busy. */
const BATCHES_IN_FLIGHT = 2;

/**
 * The most recently used finished snapshots' details, in this process, in front of the shared cache:
 * entries keyed by uuid never go stale (a finished snapshot's details never change), so a get or a
 * small list needs no Redis round trip. Bounded by `limit` entries (least recently used dropped).
 */
export class RecentSnapshotDetails {
  private readonly entries = new Map<string, SnapshotSummary>();

  constructor(private readonly limit: number) {}

  get(repository: string, scope: string, uuid: string): SnapshotSummary | undefined {
    const key = `${scope}\u0000${repository}\u0000${uuid}`;
    const found = this.entries.get(key);
    if (found !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  set(repository: string, scope: string, details: SnapshotSummary): void {
    if (details.uuid === undefined || !isFinished(details)) return;
    const key = `${scope}\u0000${repository}\u0000${details.uuid}`;
    this.entries.delete(key);
    this.entries.set(key, details);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Turns entries of the cheap listing (name, uuid, state) into what a verbose, state-only read gives
 * for them: finished snapshots' details come from the cache, the others are read from the datastore
 * by exact name (and cached once finished). One reader per request: after a cache failure it reads
 * the datastore for the rest of the request, and never fails because of the cache.
 */
export class SnapshotDetailsReader {
  private cacheUsable = true;

  constructor(
    private readonly datastore: SnapshotDatastore,
    private readonly cache: SnapshotDetailsCache,
    /** undefined: not consulted (long lists). */
    private readonly recent: RecentSnapshotDetails | undefined,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly repository: string,
    private readonly scope: string,
  ) {}

  /**
   * `snapshots` with their details, in the same order; a snapshot deleted since the listing is left
   * out, and one taken again under the same name since then comes back with the new one's details.
   * Extra properties of each entry (e.g. its parsed name) are kept.
   */
  async withDetails<T extends SnapshotSummary>(snapshots: readonly T[]): Promise<T[]> {
    if (snapshots.length === 0) return [];
    const cached = await this.readCache(snapshots);
    const missing = snapshots.filter((_, index) => cached[index] === undefined).map((s) => s.name);
    const fetched = new Map<string, SnapshotSummary>();
    for (const snapshot of await this.readDatastore(missing)) fetched.set(snapshot.name, snapshot);
    const finished = [...fetched.values()].filter(isFinished);
    if (this.recent) for (const details of finished) this.recent.set(this.repository, this.scope, details);
    await this.writeCache(finished);
    const detailed: T[] = [];
    for (const [index, snapshot] of snapshots.entries()) {
      const details = cached[index] ?? fetched.get(snapshot.name);
      if (details !== undefined) detailed.push(Object.assign({}, snapshot, details));
    }
    return detailed;
  }

  /** Drops cached entries of snapshots no longer in the repository (`present`: every uuid listed). */
  async prune(present: ReadonlySet<string>): Promise<void> {
    if (!this.cacheUsable) return;
    try {
      await this.cache.prune(this.repository, this.scope, present);
    } catch (error) {
      this.cacheFailed('pruning', error);
    }
  }

  private async readCache(
    snapshots: readonly SnapshotSummary[],
  ): Promise<Array<SnapshotSummary | undefined>> {
    const recent = this.recent;
    const found = snapshots.map((snapshot) =>
      snapshot.uuid === undefined || recent === undefined
        ? undefined
        : recent.get(this.repository, this.scope, snapshot.uuid),
    );
    const asked = snapshots.filter((snapshot, index) => snapshot.uuid !== undefined && !found[index]);
    if (this.cacheUsable && asked.length > 0) {
      try {
        const cached = await this.cache.read(
          this.repository,
          this.scope,
          asked.map((snapshot) => snapshot.uuid!),
        );
        const byUuid = new Map<string, SnapshotSummary>();
        for (const details of cached) {
          if (details?.uuid === undefined) continue;
          byUuid.set(details.uuid, details);
          recent?.set(this.repository, this.scope, details);
        }
        for (const [index, snapshot] of snapshots.entries()) {
          found[index] ??= snapshot.uuid === undefined ? undefined : byUuid.get(snapshot.uuid);
        }
      } catch (error) {
        this.cacheFailed('reading', error);
      }
    }
    // A uuid names one snapshot; the name check only guards against a corrupted entry.
    return snapshots.map((snapshot, index) => {
      const details = found[index];
      return details?.name === snapshot.name && isFinished(details) ? details : undefined;
    });
  }

  private async writeCache(finished: readonly SnapshotSummary[]): Promise<void> {
    if (!this.cacheUsable || finished.length === 0) return;
    try {
      await this.cache.write(this.repository, this.scope, finished);
    } catch (error) {
      this.cacheFailed('writing', error);
    }
  }

  private async readDatastore(names: readonly string[]): Promise<SnapshotSummary[]> {
    const batches = batchesOf(names);
    const results: SnapshotSummary[][] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length) {
        const index = next++;
        results[index] = await this.readBatch(batches[index]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BATCHES_IN_FLIGHT, batches.length) }, worker));
    return results.flat();
  }

  private async readBatch(names: string[]): Promise<SnapshotSummary[]> {
    try {
      return await this.datastore.getSnapshots(this.repository, names, { stateOnly: true });
    } catch (error) {
      throw translateRepositoryMissing(error, this.repository);
    }
  }

  private cacheFailed(doing: string, error: unknown): void {
    this.cacheUsable = false;
    this.logger.warn(
      `Snapshot details cache unavailable while ${doing} (${(error as Error).message}): reading the datastore instead.`,
    );
  }
}

function batchesOf(names: readonly string[]): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let chars = 0;
  for (const name of names) {
    if (batch.length > 0 && chars + name.length + 1 > BATCH_NAME_CHARS) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(name);
    chars += name.length + 1;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
