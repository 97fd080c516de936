import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';

/**
 * JSON with exact 64-bit integers: a `bigint` is written as its digits, and an integer read back that
 * a JS number cannot hold exactly comes back as a `bigint` (other numbers stay plain numbers).
 */
export function parseJson(text: string): unknown {
  return parse(text, null, parseNumber);
}

export function stringifyJson(value: unknown): string {
  const json = stringify(value);
  if (json === undefined) throw new TypeError(`cannot serialize a value of type ${typeof value} to JSON`);
  return json;
}

function parseNumber(digits: string): number | bigint {
  return isInteger(digits) && !isSafeNumber(digits) ? BigInt(digits) : Number(digits);
}
