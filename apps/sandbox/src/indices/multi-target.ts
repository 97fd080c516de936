import { hasWildcard, simpleMatch } from '../common/glob.js';
import { illegalArgument, indexNotFound } from '../http/errors.js';

/** What the resolver needs to know about an index. */
export interface Target {
  name: string;
  hidden: boolean;
  open: boolean;
  aliases: string[];
}

export interface ExpandWildcards {
  open: boolean;
  closed: boolean;
  hidden: boolean;
}

export interface ResolveOptions {
  ignoreUnavailable: boolean;
  allowNoIndices: boolean;
  expand: ExpandWildcards;
}

export const EXPAND_OPEN: ExpandWildcards = { open: true, closed: false, hidden: false };
export const EXPAND_OPEN_CLOSED: ExpandWildcards = { open: true, closed: true, hidden: false };
export const EXPAND_ALL: ExpandWildcards = { open: true, closed: true, hidden: true };

/** Parses `expand_wildcards` (`open`, `closed`, `hidden`, `all`, `none`, comma-separated). */
export function parseExpandWildcards(
  value: string | string[] | undefined,
  fallback: ExpandWildcards,
): ExpandWildcards {
  if (value === undefined) return fallback;
  const words = (Array.isArray(value) ? value : value.split(',')).map((w) => w.trim()).filter((w) => w);
  const out: ExpandWildcards = { open: false, closed: false, hidden: false };
  for (const word of words) {
    if (word === 'all') Object.assign(out, EXPAND_ALL);
    else if (word === 'open' || word === 'closed' || word === 'hidden') out[word] = true;
    else if (word !== 'none') throw illegalArgument(`No valid expand wildcard value [${word}]`);
  }
  return out;
}

/** Splits a multi-target expression (string with commas, or array of strings). */
export function splitExpressions(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const parts = Array.isArray(value) ? value.flatMap((v) => v.split(',')) : value.split(',');
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * Elasticsearch's multi-target syntax over a set of indices: exact names and aliases, `*` wildcards
 * (filtered by open/closed state and hiddenness per expand_wildcards; a pattern starting with `.`
 * also reaches hidden dot-indices), `_all`, and `-pattern` exclusions after a wildcard.
 * Returns concrete index names, sorted. Missing exact names throw `index_not_found_exception`
 * unless ignoreUnavailable.
 */
export function resolveTargets(expressions: string[], targets: Target[], options: ResolveOptions): string[] {
  const exprs = expressions.length === 0 ? ['_all'] : expressions;
  const result = new Set<string>();
  let wildcardSeen = false;
  for (const expression of exprs) {
    if (expression.startsWith('-') && wildcardSeen) {
      const pattern = expression.slice(1);
      for (const name of result) {
        const target = targets.find((t) => t.name === name);
        const aliasMatch = target?.aliases.some((a) => simpleMatch(pattern, a)) ?? false;
        if (simpleMatch(pattern, name) || aliasMatch) result.delete(name);
      }
      continue;
    }
    if (expression === '_all' || hasWildcard(expression)) {
      wildcardSeen = true;
      const pattern = expression === '_all' ? '*' : expression;
      for (const target of targets) {
        if (!visible(target, pattern, options.expand)) continue;
        if (simpleMatch(pattern, target.name) || target.aliases.some((a) => simpleMatch(pattern, a))) {
          result.add(target.name);
        }
      }
      continue;
    }
    const direct = targets.find((t) => t.name === expression);
    const viaAlias = targets.filter((t) => t.aliases.includes(expression));
    if (direct) result.add(direct.name);
    else if (viaAlias.length > 0) viaAlias.forEach((t) => result.add(t.name));
    else if (!options.ignoreUnavailable) throw indexNotFound(expression);
  }
  if (result.size === 0 && !options.allowNoIndices) throw indexNotFound(exprs.join(','));
  return [...result].sort();
}

function visible(target: Target, pattern: string, expand: ExpandWildcards): boolean {
  if (target.open ? !expand.open : !expand.closed) return false;
  if (!target.hidden || expand.hidden) return true;
  return pattern.startsWith('.') && target.name.startsWith('.');
}
