import { illegalArgument } from './errors.js';
import type { SandboxRequest } from './request.js';

/** Parameters every endpoint accepts (consumed by ES's REST channel and controller). */
export const GLOBAL_PARAMS: readonly string[] = ['pretty', 'human', 'error_trace', 'filter_path', 'format'];

/**
 * Rejects query parameters the endpoint does not know, with Elasticsearch's wording, including its
 * "did you mean" suggestions (Levenshtein similarity above 0.5).
 */
export function rejectUnknownParams(request: SandboxRequest, allowed: readonly string[]): void {
  const known = new Set([...allowed, ...GLOBAL_PARAMS]);
  const unknown = [...request.query.keys()].filter((p) => !known.has(p));
  if (unknown.length === 0) return;
  const parts = unknown.map((name) => {
    const suggestions = allowed
      .map((candidate) => ({ candidate, score: similarity(name, candidate) }))
      .filter((s) => s.score > 0.5)
      .sort((a, b) => b.score - a.score || a.candidate.localeCompare(b.candidate))
      .map((s) => s.candidate);
    if (suggestions.length === 0) return `[${name}]`;
    if (suggestions.length === 1) return `[${name}] -> did you mean [${suggestions[0]}]?`;
    return `[${name}] -> did you mean any of [${suggestions.join(', ')}]?`;
  });
  throw illegalArgument(
    `request [${request.path}] contains unrecognized parameter${unknown.length > 1 ? 's' : ''}: ${parts.join(', ')}`,
  );
}

/** Lucene's LevenshteinDistance: 1 - editDistance / max(length). */
export function similarity(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  if (max === 0) return 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(current[j - 1] + 1, previous[j] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return 1 - previous[b.length] / max;
}
