import { parse, stringify } from 'lossless-json';

/**
 * JSON with exact 64-bit integers: backup IDs go up to 9223372036854775807, beyond what a JS number
 * holds. Integers parse to bigint, other numbers to number; bigint stringifies as a plain JSON number.
 */
export function parseExactJson(text: string): unknown {
  return parse(text, null, (numberText) =>
    /^-?\d+$/.test(numberText) ? BigInt(numberText) : Number(numberText),
  );
}

export function stringifyExactJson(value: unknown): string {
  return stringify(value) ?? 'null';
}
