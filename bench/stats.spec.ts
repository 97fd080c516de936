import {
  formatMiB,
  formatMs,
  formatRatio,
  growthExponent,
  keepBetweenMarkers,
  mark,
  markdownTable,
  median,
  percentile,
  ratio,
  summarize,
} from './stats.mjs';

describe('bench statistics', () => {
  it('median of odd and even counts, NaN when empty', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('summarizes a load run of 300,000 samples', () => {
    const samples = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    expect(summarize(samples)).toMatchObject({ n: 300_000, min: 0, max: 999 });
  });

  it('nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7, 3, 9], 95)).toBe(9);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });

  it('summarizes without changing the input order', () => {
    const samples = [3, 1, 2];
    expect(summarize(samples)).toEqual({ n: 3, median: 2, p95: 3, p99: 3, min: 1, max: 3 });
    expect(samples).toEqual([3, 1, 2]);
  });

  it('ratio daemon/bare', () => {
    expect(ratio(13, 10)).toBeCloseTo(1.3);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 1)).toBeNaN();
  });

  it('growth exponent: linear is 1, flat-ish is below', () => {
    expect(growthExponent(1000, 10, 5000, 50)).toBeCloseTo(1);
    expect(growthExponent(1000, 10, 5000, 20)).toBeLessThan(1);
    expect(growthExponent(1000, 0, 5000, 20)).toBeNaN();
  });

  it('formats numbers for tables', () => {
    expect(formatMs(0.1234)).toBe('0.12');
    expect(formatMs(12.34)).toBe('12.3');
    expect(formatMs(1234.5)).toBe('1,235');
    expect(formatMs(undefined)).toBe('—');
    expect(formatMs(Number.NaN)).toBe('—');
    expect(formatRatio(1.234)).toBe('1.23×');
    expect(formatRatio(Number.NaN)).toBe('—');
    expect(formatMiB(3 * 1024 * 1024)).toBe('3.0 MiB');
    expect(mark(true)).toBe('✓');
    expect(mark(false)).toBe('✗');
    expect(mark(undefined)).toBe('n/a');
  });

  it('renders a Markdown table and escapes pipes', () => {
    expect(markdownTable(['a', 'b'], [[1, 'x|y']])).toBe('| a | b |\n| --- | --- |\n| 1 | x\\|y |');
  });

  it('keeps the hand-written section between markers', () => {
    const previous = 'head\n<!-- b -->\nmine\n<!-- e -->\ntail';
    expect(keepBetweenMarkers(previous, '<!-- b -->', '<!-- e -->', 'default')).toBe(
      '<!-- b -->\nmine\n<!-- e -->',
    );
    expect(keepBetweenMarkers(undefined, '<!-- b -->', '<!-- e -->', 'default')).toBe(
      '<!-- b -->\ndefault\n<!-- e -->',
    );
  });
});
