import * as fc from 'fast-check';
import { formatStartTime } from './start-time.js';

const iso = (millis: number) => `${new Date(millis).toISOString().slice(0, -1)}+0000`;

describe('formatStartTime', () => {
  it('formats in UTC with milliseconds and a colon-less offset', () => {
    expect(formatStartTime(Date.UTC(2024, 10, 9, 10, 11, 36, 978))).toBe('2024-11-09T10:11:36.978+0000');
  });

  it('pads milliseconds and fields', () => {
    expect(formatStartTime(0)).toBe('1970-01-01T00:00:00.000+0000');
    expect(formatStartTime(Date.UTC(2023, 0, 1, 1, 2, 3, 4))).toBe('2023-01-01T01:02:03.004+0000');
  });

  it('drops sub-millisecond fractions', () => {
    expect(formatStartTime(1.9)).toBe('1970-01-01T00:00:00.001+0000');
  });

  it('ignores the process time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Kolkata';
      expect(formatStartTime(Date.UTC(2024, 10, 9, 23, 59, 59, 999))).toBe('2024-11-09T23:59:59.999+0000');
    } finally {
      process.env.TZ = saved;
    }
  });

  it('rejects values that are not finite or out of the date range', () => {
    expect(() => formatStartTime(Number.NaN)).toThrow(RangeError);
    expect(() => formatStartTime(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatStartTime(8.64e15 + 1)).toThrow(RangeError);
  });

  it('always matches the seed format and parses back to the same instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (millis) => {
        const text = formatStartTime(millis);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
        expect(Date.parse(text.replace('+0000', 'Z'))).toBe(millis);
      }),
    );
  });

  it('writes exactly what toISOString writes, on both sides of every fast-path boundary (property)', () => {
    const edges = [Date.UTC(1000, 0, 1), Date.UTC(10000, 0, 1), Date.UTC(2000, 1, 29), Date.UTC(2100, 2, 1)];
    for (const edge of edges)
      for (const delta of [-1, 0, 1]) expect(formatStartTime(edge + delta)).toBe(iso(edge + delta));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -8.64e15, max: 8.64e15 }),
          fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(10000, 0, 1) - 1 }),
        ),
        (millis) => {
          expect(formatStartTime(millis)).toBe(iso(millis));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
