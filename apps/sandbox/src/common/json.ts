import { isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json';

/**
 * JSON with exact numbers: integers beyond 2^53 (and other numbers a double cannot hold exactly)
 * are kept as `LosslessNumber` and written back digit for digit. Everything else is a plain number.
 */
export function parseJson(text: string): unknown {
  return parse(text, undefined, parseNumber);
}

function parseNumber(value: string): number | LosslessNumber {
  return isSafeNumber(value) ? Number(value) : new LosslessNumber(value);
}

export function toJson(value: unknown, pretty = false): string {
  return stringify(value, undefined, pretty ? 2 : undefined) ?? 'null';
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
