// Test support only: not exported from the library.

/**
 * What Elasticsearch selects for a snapshot's `indices` list: entries apply left to right, a `-`
 * entry removes what earlier entries selected, `*` matches any text, exact names must exist.
 */
export function resolveIndices(expressions: readonly string[], universe: readonly string[]): Set<string> {
  const selected = new Set<string>();
  for (const expression of expressions) {
    const exclude = expression.startsWith('-');
    const pattern = exclude ? expression.slice(1) : expression;
    if (!pattern.includes('*')) {
      if (exclude) selected.delete(pattern);
      else if (universe.includes(pattern)) selected.add(pattern);
      else throw new Error(`index ${pattern} does not exist`);
      continue;
    }
    const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
    for (const name of universe) {
      if (regex.test(name)) {
        if (exclude) selected.delete(name);
        else selected.add(name);
      }
    }
  }
  return selected;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
