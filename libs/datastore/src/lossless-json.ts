import { randomBytes } from 'node:crypto';
import { isInteger, isSafeNumber, parse } from 'lossless-json';

/**
 * JSON with exact 64-bit integers: a `bigint` is written as its digits, and an integer read back that
 * a JS number cannot hold exactly comes back as a `bigint` (other numbers stay plain numbers).
 */
export function parseJson(text: string): unknown {
  // The native parser, then a walk for numbers it could not hold exactly (at or beyond 2^53, or
  // overflowing): only then the much slower lossless parser. Scanning the text for long digit
  // runs instead cost more than the native parse itself on listings of thousands of snapshots.
  const parsed: unknown = JSON.parse(text);
  return holdsInexactNumber(parsed) ? parse(text, null, parseNumber) : parsed;
}

function holdsInexactNumber(value: unknown): boolean {
  if (typeof value === 'number') return !(Math.abs(value) <= Number.MAX_SAFE_INTEGER);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsInexactNumber);
  for (const key in value) {
    if (holdsInexactNumber((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

export function stringifyJson(value: unknown): string {
  // The native writer, with each bigint first replaced by a marked string and then unquoted. The
  // marker holds a random nonce drawn once per process, so no string of the data can be mistaken
  // for one. Only the objects on the way to a bigint are copied; a replacer function would instead
  // be called for every value and triple the time of large bodies.
  let holdsBigint = false;
  const marked = markBigints(value, () => {
    holdsBigint = true;
    return BIGINT_MARKER;
  });
  const json = JSON.stringify(marked);
  if (json === undefined) throw new TypeError(`cannot serialize a value of type ${typeof value} to JSON`);
  return holdsBigint ? json.replace(MARKED_BIGINT, '$1') : json;
}

const BIGINT_MARKER = randomBytes(12).toString('hex');
const MARKED_BIGINT = new RegExp(`"${BIGINT_MARKER}:(-?\\d+)"`, 'g');

/** `value` with every bigint replaced by `"<marker>:<digits>"`; untouched subtrees are shared, not copied. */
function markBigints(value: unknown, marker: () => string): unknown {
  if (typeof value === 'bigint') return `${marker()}:${value}`;
  if (typeof value !== 'object' || value === null) return value;
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return markBigints(json.call(value), marker);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (!mayHoldBigint(item)) continue;
      const marked = markBigints(item, marker);
      if (marked !== item) (copy ??= [...value])[index] = marked;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (!mayHoldBigint(item)) continue;
    const marked = markBigints(item, marker);
    if (marked !== item) (copy ??= { ...value })[key] = marked;
  }
  return copy ?? value;
}

function mayHoldBigint(value: unknown): boolean {
  return typeof value === 'bigint' || (typeof value === 'object' && value !== null);
}

function parseNumber(digits: string): number | bigint {
  return isInteger(digits) && !isSafeNumber(digits) ? BigInt(digits) : Number(digits);
}
