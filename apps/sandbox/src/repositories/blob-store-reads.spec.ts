import { BlobStoreReads, readCostMs, snapshotMetaPoolSize } from './blob-store-reads.js';

/** When (in fake ms) `reads` reads on `pool` have all finished. */
async function finishTime(pool: BlobStoreReads, reads: number, start = Date.now()): Promise<number> {
  let finishedAt = -1;
  void pool.read(reads).then(() => (finishedAt = Date.now() - start));
  await vi.runAllTimersAsync();
  return finishedAt;
}

describe('blob-store read cost model', () => {
  it('sizes the pool like Elasticsearch snapshot_meta: min(3 × processors, 50)', () => {
    expect(snapshotMetaPoolSize(1)).toBe(3);
    expect(snapshotMetaPoolSize(2)).toBe(6);
    expect(snapshotMetaPoolSize(16)).toBe(48);
    expect(snapshotMetaPoolSize(17)).toBe(50);
    expect(snapshotMetaPoolSize(64)).toBe(50);
  });

  it('costs ceil(reads / pool) × readMs', () => {
    expect(readCostMs(0, 6, 100)).toBe(0);
    expect(readCostMs(1, 6, 100)).toBe(100);
    expect(readCostMs(6, 6, 100)).toBe(100);
    expect(readCostMs(7, 6, 100)).toBe(200);
    expect(readCostMs(1000, 50, 20)).toBe(400);
    expect(readCostMs(10, 6, 0)).toBe(0);
  });

  describe('the shared pool', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('runs reads in waves of pool size', async () => {
      expect(await finishTime(new BlobStoreReads(100, 6), 13)).toBe(readCostMs(13, 6, 100));
      expect(await finishTime(new BlobStoreReads(100, 6), 6)).toBe(100);
      expect(await finishTime(new BlobStoreReads(0, 6), 13)).toBe(0);
    });

    it('shares the slots between concurrent requests', async () => {
      const pool = new BlobStoreReads(100, 4);
      const start = Date.now();
      const done: number[] = [];
      void pool.read(4).then(() => done.push(Date.now() - start));
      void pool.read(4).then(() => done.push(Date.now() - start));
      await vi.runAllTimersAsync();
      expect(done.sort((a, b) => a - b)).toEqual([100, 200]);
    });
  });
});
