import { isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json';

/**
 * JSON with exact numbers: integers beyond 2^53 (and other numbers a double cannot hold exactly)
 * are kept as `LosslessNumber` and written back digit for digit. Everything else is a plain number.
 */
export function parseJson(text: string): unknown {
  // Without a run of 16+ digits or a number with a 3-digit exponent every number is exact as a
  // double: the native parser (several times faster on large repository indices) gives the same
  // result. The exponent must end a number token, so ids like "xE123q" inside strings do not count.
  return MAYBE_INEXACT_NUMBER.test(text) ? parse(text, undefined, parseNumber) : JSON.parse(text);
}

const MAYBE_INEXACT_NUMBER = /\d{16}|\d[eE][+-]?\d{3}(?=[\s,\]}]|$)/;

function parseNumber(value: string): number | LosslessNumber {
  return isSafeNumber(value) ? Number(value) : new LosslessNumber(value);
}

export function toJson(value: unknown, pretty = false): string {
  // The native writer unless an exact number (LosslessNumber or bigint) is inside. A walk finds
  // out: a replacer function would be called for every value and slow large listings threefold.
  const indent = pretty ? 2 : undefined;
  if (holdsExactNumber(value)) return stringify(value, undefined, indent) ?? 'null';
  return JSON.stringify(value, undefined, indent) ?? 'null';
}

function holdsExactNumber(value: unknown): boolean {
  if (typeof value === 'bigint' || value instanceof LosslessNumber) return true;
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsExactNumber);
  return Object.values(value).some(holdsExactNumber);
}

/** A deep copy through JSON, keeping exact numbers. */
export function cloneJson<T>(value: T): T {
  return parseJson(toJson(value)) as T;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof LosslessNumber)
  );
}

export { LosslessNumber };
