// Pure statistics and formatting for the benchmark suite (unit-tested in stats.spec.ts).

/** Nearest-rank percentile (p in 0..100) of the samples; NaN when there are none. */
export function percentile(samples, p) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Median: the middle sample, or the mean of the two middle ones. */
export function median(samples) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** n, median, p95, p99, min, max of a list of milliseconds. */
export function summarize(samples) {
  return {
    n: samples.length,
    median: median(samples),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    // A loop, not Math.min(...samples): a load run's 100,000+ samples overflow the call stack.
    min: samples.length ? samples.reduce((a, b) => Math.min(a, b)) : Number.NaN,
    max: samples.length ? samples.reduce((a, b) => Math.max(a, b)) : Number.NaN,
  };
}

/** daemon / bare; NaN when either is missing or bare is 0. */
export function ratio(daemon, bare) {
  if (!Number.isFinite(daemon) || !Number.isFinite(bare) || bare === 0) return Number.NaN;
  return daemon / bare;
}

/**
 * Growth exponent b in growth ∝ snapshots^b between two points (b < 1: sub-linear).
 * NaN when a growth is not positive.
 */
export function growthExponent(snapshotsA, growthA, snapshotsB, growthB) {
  if (!(growthA > 0) || !(growthB > 0) || snapshotsA <= 0 || snapshotsB <= 0 || snapshotsA === snapshotsB)
    return Number.NaN;
  return Math.log(growthB / growthA) / Math.log(snapshotsB / snapshotsA);
}

/** Milliseconds for a table: 0.123 → "0.12", 12.34 → "12.3", 1234.5 → "1,235"; "—" when missing. */
export function formatMs(value) {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  if (Math.abs(value) < 10) return value.toFixed(2);
  if (Math.abs(value) < 100) return value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

export function formatRatio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '—';
}

export function formatMiB(bytes) {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : '—';
}

/** ✓ / ✗ for a target check; "n/a" when it could not be evaluated. */
export function mark(pass) {
  if (pass === undefined || pass === null) return 'n/a';
  return pass ? '✓' : '✗';
}

const escapeCell = (cell) => String(cell).replaceAll('|', '\\|');
const tableLine = (cells) => `| ${cells.map(escapeCell).join(' | ')} |`;

/** A Markdown table; cells are escaped for `|`. */
export function markdownTable(headers, rows) {
  return [tableLine(headers), tableLine(headers.map(() => '---')), ...rows.map(tableLine)].join('\n');
}

/** Replaces everything between the markers in `text`, or returns `fallback` between fresh markers. */
export function keepBetweenMarkers(previous, begin, end, fallback) {
  const start = previous?.indexOf(begin) ?? -1;
  const stop = previous?.indexOf(end) ?? -1;
  if (start === -1 || stop === -1 || stop < start) return `${begin}\n${fallback}\n${end}`;
  return previous.slice(start, stop + end.length);
}
