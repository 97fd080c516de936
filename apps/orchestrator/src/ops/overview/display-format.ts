/** How the overview page writes dates, ages, durations and sizes (always with day and time zone). */

/** `2026-12-03 14:05:09 UTC`; `—` without a date. */
export function formatDate(iso: string | null): string {
  if (iso === null) return '—';
  const millis = Date.parse(iso);
  if (!Number.isFinite(millis)) return iso;
  return `${new Date(millis).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `3 h ago`, `in 5 min` (a date in the future), `just now`. */
export function formatAge(iso: string, nowMs: number): string {
  const deltaMs = nowMs - Date.parse(iso);
  const span = formatSpan(Math.abs(deltaMs));
  if (span === null) return 'just now';
  return deltaMs >= 0 ? `${span} ago` : `in ${span}`;
}

/** Rough span for ages: the largest unit only (45 s, 12 min, 3 h, 2 d); null under a second. */
function formatSpan(ms: number): string | null {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return null;
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

/** A duration to the second: `850 ms`, `42 s`, `3 min 05 s`, `2 h 07 min`, `7 d`; `—` when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${pad(seconds % 60)} s`;
  const hours = Math.floor(minutes / 60);
  if (minutes % 60 !== 0) return `${hours} h ${pad(minutes % 60)} min`;
  return hours % 24 === 0 ? `${hours / 24} d` : `${hours} h`;
}

const SIZE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** `512 B`, `1.5 MiB`, `12 GiB`; `—` when not reported. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${SIZE_UNITS[unit]}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
