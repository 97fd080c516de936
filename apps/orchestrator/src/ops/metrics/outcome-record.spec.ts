import {
  DURATION_BUCKETS_SECONDS,
  foldOutcomeUpdates,
  outcomeUpdate,
  parseOutcomeHash,
} from './outcome-record.js';

/** Applies updates the way the store's MULTI does (HSET, HINCRBY, HINCRBYFLOAT). */
function apply(hash: Record<string, string>, update: ReturnType<typeof outcomeUpdate>): void {
  if (update.resetFailures) hash.consecutiveFailures = '0';
  Object.assign(hash, update.set);
  for (const [field, by] of [...Object.entries(update.increment), ...Object.entries(update.incrementFloat)]) {
    hash[field] = String(Number(hash[field] ?? 0) + by);
  }
}

describe('outcome record', () => {
  it('counts consecutive failures until a success, keeping the last of each', () => {
    const hash: Record<string, string> = {};
    apply(hash, outcomeUpdate('FAILED', 1_000, 2_000));
    apply(hash, outcomeUpdate('FAILED', 5_000, 500));
    expect(parseOutcomeHash(hash)).toMatchObject({ lastFailureMs: 5_000, consecutiveFailures: 2 });
    expect(parseOutcomeHash(hash).lastSuccessMs).toBeUndefined();
    apply(hash, outcomeUpdate('CANCELLED', 6_000, 100));
    expect(parseOutcomeHash(hash).consecutiveFailures).toBe(2);
    apply(hash, outcomeUpdate('COMPLETED', 9_000, 61_000));
    expect(parseOutcomeHash(hash)).toMatchObject({
      lastSuccessMs: 9_000,
      lastFailureMs: 5_000,
      consecutiveFailures: 0,
    });
  });

  it('keeps a cumulative duration histogram per outcome', () => {
    const hash: Record<string, string> = {};
    apply(hash, outcomeUpdate('COMPLETED', 1, 4_000));
    apply(hash, outcomeUpdate('COMPLETED', 2, 61_000));
    const completed = parseOutcomeHash(hash).durations.COMPLETED!;
    expect(completed.count).toBe(2);
    expect(completed.sumSeconds).toBeCloseTo(65);
    const at = (bound: number): number => completed.buckets[DURATION_BUCKETS_SECONDS.indexOf(bound)]!;
    expect([at(1), at(5), at(60), at(300), at(86400)]).toEqual([0, 1, 1, 2, 2]);
    expect(parseOutcomeHash(hash).durations.FAILED).toBeUndefined();
    apply(hash, outcomeUpdate('FAILED', 3, undefined));
    expect(parseOutcomeHash(hash)).toMatchObject({ lastFailureMs: 3, consecutiveFailures: 1 });
    expect(parseOutcomeHash(hash).durations.FAILED).toBeUndefined();
  });

  it('ignores unknown or malformed fields', () => {
    expect(parseOutcomeHash({ lastSuccessMs: 'x', other: '1' })).toEqual({
      lastSuccessMs: undefined,
      lastFailureMs: undefined,
      consecutiveFailures: 0,
      durations: {},
    });
  });
});

describe('folding outcomes into a record', () => {
  it('equals the record that saw each outcome in turn', () => {
    const hash = foldOutcomeUpdates([
      outcomeUpdate('FAILED', 1_000, 2_000),
      outcomeUpdate('COMPLETED', 5_000, 4_000),
      outcomeUpdate('FAILED', 9_000, 500),
      outcomeUpdate('FAILED', 12_000, undefined),
    ]);
    const summary = parseOutcomeHash(hash);
    expect(summary).toMatchObject({ lastSuccessMs: 5_000, lastFailureMs: 12_000, consecutiveFailures: 2 });
    expect(summary.durations.FAILED?.count).toBe(2);
    expect(summary.durations.FAILED?.sumSeconds).toBeCloseTo(2.5);
    expect(summary.durations.COMPLETED?.buckets[1]).toBe(1);
    expect(foldOutcomeUpdates([])).toEqual({});
  });
});
