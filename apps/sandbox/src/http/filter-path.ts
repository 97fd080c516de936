import { simpleMatch } from '../common/glob.js';
import { isPlainObject } from '../common/json.js';

/**
 * A minimal `filter_path`: comma-separated dotted paths whose segments may use `*`; arrays are
 * transparent. Exclusions (`-path`) and `**` are not supported (see docs/sandbox.md).
 */
export function applyFilterPath(value: unknown, filterPath: string): unknown {
  const patterns = filterPath
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0 && !p.startsWith('-'))
    .map((p) => p.split('.'));
  if (patterns.length === 0) return value;
  return filter(value, patterns) ?? {};
}

function filter(value: unknown, patterns: string[][]): unknown {
  if (patterns.some((p) => p.length === 0)) return value;
  if (Array.isArray(value)) {
    const kept = value.map((v) => filter(v, patterns)).filter((v) => v !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const rest = patterns.filter((p) => simpleMatch(p[0], key)).map((p) => p.slice(1));
    if (rest.length === 0) continue;
    const kept = filter(child, rest);
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
