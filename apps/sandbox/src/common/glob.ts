/**
 * Simple wildcard matching as Elasticsearch's `Regex.simpleMatch` does it: `*` matches any run of
 * characters (including none); every other character matches itself.
 */
export function simpleMatch(pattern: string, value: string): boolean {
  return globToRegExp(pattern, false).test(value);
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*');
}

/** Glob for the fault-injection API: `*` any run, `?` one character. */
export function globMatch(pattern: string, value: string): boolean {
  return globToRegExp(pattern, true).test(value);
}

function globToRegExp(pattern: string, questionMark: boolean): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '*') source += '.*';
    else if (char === '?' && questionMark) source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}
