import { illegalArgument } from '../http/errors.js';

/**
 * Date math in snapshot names, the small subset the sandbox knows: `<prefix-{now/d}>`,
 * `{now}`, `{now/M}`, `{now/y}` and an optional `{format}` using yyyy, MM, dd, HH, mm, ss (UTC).
 * Names not wrapped in `<...>` are returned unchanged.
 */
export function resolveDateMath(name: string, now = new Date()): string {
  if (!name.startsWith('<') || !name.endsWith('>')) return name;
  return name
    .slice(1, -1)
    .replace(
      /\{now(\/[yMdhHms])?(?:\{([^}]*)\})?\}/g,
      (_match, round: string | undefined, format: string | undefined) =>
        formatDate(roundDate(now, round?.slice(1)), format ?? 'yyyy.MM.dd'),
    );
}

function roundDate(date: Date, unit: string | undefined): Date {
  const d = new Date(date.getTime());
  switch (unit) {
    case 'y':
      d.setUTCMonth(0, 1);
      d.setUTCHours(0, 0, 0, 0);
      break;
    case 'M':
      d.setUTCDate(1);
      d.setUTCHours(0, 0, 0, 0);
      break;
    case 'd':
      d.setUTCHours(0, 0, 0, 0);
      break;
    case 'h':
    case 'H':
      d.setUTCMinutes(0, 0, 0);
      break;
    case 'm':
      d.setUTCSeconds(0, 0);
      break;
    case 's':
      d.setUTCMilliseconds(0);
      break;
    case undefined:
      break;
    default:
      throw illegalArgument(`unsupported date math unit [${unit}]`);
  }
  return d;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatDate(date: Date, format: string): string {
  return format
    .replace(/yyyy|uuuu/g, String(date.getUTCFullYear()))
    .replace(/MM/g, pad(date.getUTCMonth() + 1))
    .replace(/dd/g, pad(date.getUTCDate()))
    .replace(/HH/g, pad(date.getUTCHours()))
    .replace(/mm/g, pad(date.getUTCMinutes()))
    .replace(/ss/g, pad(date.getUTCSeconds()));
}
