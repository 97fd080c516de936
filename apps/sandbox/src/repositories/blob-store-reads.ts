/**
 * Size of Elasticsearch's `snapshot_meta` pool: a scaling pool of at most
 * `Math.min(allocatedProcessors * 3, 50)` threads (DefaultBuiltInExecutorBuilders / ThreadPool).
 */
export function snapshotMetaPoolSize(allocatedProcessors: number): number {
  return Math.min(3 * allocatedProcessors, 50);
}

/** Wall time of `reads` reads alone on an idle pool: full waves of `poolSize` reads. */
export function readCostMs(reads: number, poolSize: number, readMs: number): number {
  if (reads <= 0 || readMs <= 0) return 0;
  return Math.ceil(reads / poolSize) * readMs;
}

/**
 * The cost of reading snapshot metadata from a blob-store repository (S3, GCS, Azure): each read of
 * a SnapshotInfo, a shard's snapshot status or the repository index takes `readMs`, and at most
 * `poolSize` reads run at a time, shared by all requests, like the `snapshot_meta` pool
 * (TransportGetSnapshotsAction's GetSnapshotInfoExecutor is sized by that pool's max).
 */
export class BlobStoreReads {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly readMs: number,
    readonly poolSize: number,
  ) {}

  /** Performs `count` reads through the pool; settles when all have finished. */
  async read(count: number): Promise<void> {
    if (this.readMs <= 0 || count <= 0) return;
    await Promise.all(Array.from({ length: count }, () => this.one()));
  }

  private async one(): Promise<void> {
    if (this.active >= this.poolSize) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      await new Promise((resolve) => setTimeout(resolve, this.readMs));
    } finally {
      // Hand the slot straight to the next waiting read (active stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
