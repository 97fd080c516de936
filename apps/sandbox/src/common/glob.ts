/**
 * Simple wildcard matching as Elasticsearch's `Regex.simpleMatch` does it: `*` matches any run of
 * characters (including none); every other character matches itself.
 */
export function simpleMatch(pattern: string, value: string): boolean {
  return simpleMatcher(pattern)(value);
}

/**
 * `simpleMatch` with the pattern prepared once, for matching it against many values (a listing
 * matches one pattern against every snapshot of a repository). No regular expression.
 */
export function simpleMatcher(pattern: string): (value: string) => boolean {
  if (!pattern.includes('*')) return (value) => value === pattern;
  const pieces = pattern.split('*');
  const head = pieces[0];
  const tail = pieces[pieces.length - 1];
  const middle = pieces.slice(1, -1).filter((piece) => piece.length > 0);
  const shortest = head.length + tail.length;
  return (value) => {
    if (value.length < shortest || !value.startsWith(head) || !value.endsWith(tail)) return false;
    const end = value.length - tail.length;
    let position = head.length;
    for (const piece of middle) {
      const at = value.indexOf(piece, position);
      if (at === -1 || at + piece.length > end) return false;
      position = at + piece.length;
    }
    return true;
  };
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
