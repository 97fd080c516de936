import { hasWildcard, simpleMatch } from '../common/glob.js';
import { isPlainObject } from '../common/json.js';

/** The compiled form of a `filter_path`: what to keep below one level of the response. */
interface FilterLevel {
  /** A path ended here: the whole value is kept. */
  keepAll: boolean;
  /** Next levels by exact key, and by key pattern. */
  exact: Map<string, FilterLevel>;
  wildcard: Array<{ pattern: string; next: FilterLevel }>;
}

/**
 * A minimal `filter_path`: comma-separated dotted paths whose segments may use `*`; arrays are
 * transparent; the response keeps its own key order. Exclusions (`-path`) and `**` are not
 * supported (see docs/sandbox.md). Compiled once per request: listings apply it to thousands of
 * snapshots.
 */
export function applyFilterPath(value: unknown, filterPath: string): unknown {
  const paths = filterPath
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0 && !p.startsWith('-'))
    .map((p) => p.split('.'));
  if (paths.length === 0) return value;
  const root = newLevel();
  for (const path of paths) addPath(root, path);
  return filterAny(value, [root]) ?? {};
}

function newLevel(): FilterLevel {
  return { keepAll: false, exact: new Map(), wildcard: [] };
}

function addPath(level: FilterLevel, path: string[]): void {
  if (path.length === 0) {
    level.keepAll = true;
    return;
  }
  const [segment, ...rest] = path;
  let next: FilterLevel | undefined;
  if (hasWildcard(segment)) {
    next = level.wildcard.find((w) => w.pattern === segment)?.next;
    if (!next) level.wildcard.push({ pattern: segment, next: (next = newLevel()) });
  } else {
    next = level.exact.get(segment);
    if (!next) level.exact.set(segment, (next = newLevel()));
  }
  addPath(next, rest);
}

/** The levels a key leads to: its exact entry and every matching pattern. */
function levelsFor(level: FilterLevel, key: string): FilterLevel[] {
  const exact = level.exact.get(key);
  const matching = level.wildcard.filter((w) => simpleMatch(w.pattern, key)).map((w) => w.next);
  return exact ? [exact, ...matching] : matching;
}

function filterAny(value: unknown, levels: FilterLevel[]): unknown {
  if (levels.some((l) => l.keepAll)) return value;
  if (Array.isArray(value)) {
    const kept = value.map((v) => filterAny(v, levels)).filter((v) => v !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  if (!isPlainObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const next = levels.length === 1 ? levelsFor(levels[0], key) : levels.flatMap((l) => levelsFor(l, key));
    if (next.length === 0) continue;
    const kept = filterAny(child, next);
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
