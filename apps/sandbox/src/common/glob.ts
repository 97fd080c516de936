/**
 * Simple wildcard matching as Elasticsearch's `Regex.simpleMatch` does it: `*` matches any run of
 * characters (including none); every other character matches itself.
 */
export function simpleMatch(pattern: string, value: string): boolean {
  // No regular expression: listings match one pattern against every snapshot of a repository.
  if (!pattern.includes('*')) return pattern === value;
  const pieces = pattern.split('*');
  const head = pieces[0];
  const tail = pieces[pieces.length - 1];
  if (value.length < head.length + tail.length || !value.startsWith(head) || !value.endsWith(tail)) {
    return false;
  }
  const end = value.length - tail.length;
  let position = head.length;
  for (const piece of pieces.slice(1, -1)) {
    const at = value.indexOf(piece, position);
    if (at === -1 || at + piece.length > end) return false;
    position = at + piece.length;
  }
  return true;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*');
}

/** Glob for the fault-injection API: `*` any run, `?` one character. */
export function globMatch(pattern: string, value: string): boolean {
  return globToRegExp(pattern).test(value);
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const char of pattern) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}
