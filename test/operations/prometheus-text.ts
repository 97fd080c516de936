/** One sample of the Prometheus text format: `name{label="value",…} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Every sample of a scrape (comments skipped); throws on a line that is neither. */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line.trim());
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** `name{a="1",b="2"}` with labels sorted: a stable key of a series. */
export function seriesKey(sample: Pick<Sample, 'name' | 'labels'>): string {
  const labels = Object.entries(sample.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}="${value}"`)
    .join(',');
  return `${sample.name}{${labels}}`;
}

/** The samples whose name starts with one of the prefixes, by series key. */
export function seriesOf(samples: Sample[], prefixes: readonly string[]): Record<string, number> {
  const selected: Record<string, number> = {};
  for (const sample of samples) {
    if (prefixes.some((prefix) => sample.name.startsWith(prefix))) selected[seriesKey(sample)] = sample.value;
  }
  return selected;
}

export async function scrape(orchestratorUrl: string): Promise<Sample[]> {
  const response = await fetch(`${orchestratorUrl}/actuator/prometheus`, {
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 200) throw new Error(`scrape answered ${response.status}`);
  return parseSamples(await response.text());
}
