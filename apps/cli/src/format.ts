/** Text helpers of the CLI's output: durations, sizes, times, wrapped reasons. */

/** The terminal's width, or 100 when stdout is not a terminal. */
export function terminalWidth(): number {
  return process.stdout.columns || 100;
}

/** `850ms`, `12s`, `4m 12s`, `2h 5m`, `3d 4h`; `-` when unknown. */
export function humanDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = Math.floor(ms / 1000);
  const [days, hours, minutes, secs] = [
    Math.floor(seconds / 86_400),
    Math.floor(seconds / 3600) % 24,
    Math.floor(seconds / 60) % 60,
    seconds % 60,
  ];
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${secs}s`;
  return `${secs}s`;
}

/** The time between two ISO times, or `-` when one is missing. */
export function durationBetween(start: string | null | undefined, end: string | null | undefined): string {
  if (!start || !end) return '-';
  return humanDuration(Date.parse(end) - Date.parse(start));
}

const SIZE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** `512 B`, `1.5 KiB`, `12 MiB`; `-` when unknown. */
export function humanSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '-';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || value >= 10 ? String(Math.round(value)) : value.toFixed(1);
  return `${shown} ${SIZE_UNITS[unit]}`;
}

/** An ISO time as `2026-12-03 13:05:07Z` (UTC, to the second); `-` when missing or unreadable. */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/**
 * `text` broken at spaces into lines of at most `width` characters, the first starting with
 * `indent`, the others with `hanging` (words longer than a line are cut).
 */
export function wrapText(text: string, width: number, indent = '', hanging = indent): string[] {
  const room = Math.max(width - Math.max(indent.length, hanging.length), 20);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter((w) => w.length > 0)) {
      while (word.length > room) {
        if (line) lines.push(line);
        line = '';
        lines.push(word.slice(0, room));
        word = word.slice(room);
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= room) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line || lines.length === 0) lines.push(line);
  }
  return lines.map((line, index) => `${index === 0 ? indent : hanging}${line}`);
}

/** A labelled reason (e.g. "operate part 3") for `formatReasons`. */
export interface Reason {
  label: string;
  text: string | null | undefined;
}

/**
 * Each distinct reason once, under the labels it applies to, wrapped to `width`: a reason already
 * contained in one shown before (a component's reason inside the backup's) adds its label there, and
 * one that quotes a reason shown before ("an earlier step failed: …") says "see above" instead.
 * Empty when there is no reason.
 */
export function formatReasons(reasons: Reason[], width: number): string[] {
  const shown: Array<{ labels: string[]; text: string }> = [];
  for (const { label, text } of reasons) {
    const given = text?.trim();
    if (!given) continue;
    const alreadyShown = shown.some((reason) => reason.text.includes(given));
    const own = alreadyShown
      ? given
      : shown.reduce((rest, earlier) => rest.replaceAll(earlier.text, '(see above)'), given);
    const same = shown.find((reason) => reason.text.includes(own));
    if (same) {
      if (!same.labels.includes(label)) same.labels.push(label);
    } else shown.push({ labels: [label], text: own });
  }
  if (shown.length === 0) return [];
  return [
    'Reasons:',
    ...shown.flatMap((reason) =>
      wrapText(`${reason.labels.join(', ')}: ${reason.text}`, width, '  ', '    '),
    ),
  ];
}
