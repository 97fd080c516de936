import { hasWildcard, simpleMatch } from '../common/glob.js';
import { repositoryMissing } from '../http/errors.js';

/**
 * Resolves a repository expression (`_all`, `*`, comma lists, wildcards and, when allowed,
 * `-exclusions` after a wildcard) against the registered names. Missing exact names give 404
 * `repository_missing_exception` listing them all.
 */
export function resolveRepositoryNames(
  expression: string | undefined,
  registered: string[],
  allowExclusions: boolean,
): string[] {
  const parts = (expression ?? '_all')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === '_all')) return [...registered];
  const result = new Set<string>();
  const missing: string[] = [];
  let wildcardSeen = false;
  for (const part of parts) {
    if (allowExclusions && wildcardSeen && part.startsWith('-')) {
      for (const name of result) if (simpleMatch(part.slice(1), name)) result.delete(name);
    } else if (part === '_all' || hasWildcard(part)) {
      wildcardSeen = true;
      for (const name of registered) if (part === '_all' || simpleMatch(part, name)) result.add(name);
    } else if (registered.includes(part)) {
      result.add(part);
    } else {
      missing.push(part);
    }
  }
  if (missing.length > 0) throw repositoryMissing(missing);
  return registered.filter((n) => result.has(n));
}
