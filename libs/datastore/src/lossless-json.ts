import { randomBytes } from 'node:crypto';
import { isInteger, isSafeNumber, parse } from 'lossless-json';

/**
 * JSON with exact 64-bit integers: a `bigint` is written as its digits, and an integer read back that
 * a JS number cannot hold exactly comes back as a `bigint` (other numbers stay plain numbers).
 */
export function parseJson(text: string): unknown {
  // Every integer of at most 15 digits is exact in a JS number: only a run of 16+ digits needs the
  // (much slower) lossless parser. Listings of thousands of snapshots take the fast path.
  return MAYBE_UNSAFE_INTEGER.test(text) ? parse(text, null, parseNumber) : JSON.parse(text);
}

const MAYBE_UNSAFE_INTEGER = /\d{16}/;

export function stringifyJson(value: unknown): string {
  // The native writer, with each bigint written first as a marked string and then unquoted: the
  // marker carries a random nonce, so no string of the data can be mistaken for one.
  const nonce = randomBytes(8).toString('hex');
  let holdsBigint = false;
  const json = JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner !== 'bigint') return inner;
    holdsBigint = true;
    return `${nonce}:${inner}`;
  });
  if (json === undefined) throw new TypeError(`cannot serialize a value of type ${typeof value} to JSON`);
  return holdsBigint ? json.replace(new RegExp(`"${nonce}:(-?\\d+)"`, 'g'), '$1') : json;
}

function parseNumber(digits: string): number | bigint {
  return isInteger(digits) && !isSafeNumber(digits) ? BigInt(digits) : Number(digits);
}
