export interface Summary {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}
export function percentile(samples: readonly number[], p: number): number;
export function median(samples: readonly number[]): number;
export function summarize(samples: readonly number[]): Summary;
export function ratio(daemon: number, bare: number): number;
export function growthExponent(
  snapshotsA: number,
  growthA: number,
  snapshotsB: number,
  growthB: number,
): number;
export function formatMs(value: number | undefined | null): string;
export function formatRatio(value: number): string;
export function formatMiB(bytes: number): string;
export function mark(pass: boolean | undefined | null): string;
export function markdownTable(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string;
export function keepBetweenMarkers(
  previous: string | undefined,
  begin: string,
  end: string,
  fallback: string,
): string;
