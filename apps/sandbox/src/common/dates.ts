/** `strict_date_optional_time` in UTC with milliseconds, as Elasticsearch prints snapshot times. */
export function isoMillis(millis: number): string {
  return new Date(millis).toISOString();
}

type Units = Array<[number, string]>;

const TIME_UNITS: Units = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'm'],
  [1000, 's'],
];
const BYTE_UNITS: Units = [
  [1024 ** 4, 'tb'],
  [1024 ** 3, 'gb'],
  [1024 ** 2, 'mb'],
  [1024, 'kb'],
];

/** Elasticsearch's `TimeValue.toString()` for `?human=true`. */
export function humanDuration(millis: number): string {
  return scaled(millis, TIME_UNITS, 'ms');
}

/** Elasticsearch's `ByteSizeValue.toString()` for `?human=true` and `_cat`. */
export function humanBytes(bytes: number): string {
  return scaled(bytes, BYTE_UNITS, 'b');
}

function scaled(value: number, units: Units, baseSuffix: string): string {
  for (const [size, suffix] of units) {
    if (value >= size) {
      const scaledValue = value / size;
      return `${Number.isInteger(scaledValue) ? scaledValue : scaledValue.toFixed(1)}${suffix}`;
    }
  }
  return `${value}${baseSuffix}`;
}
