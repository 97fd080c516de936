import { isPlainObject } from '../common/json.js';
import { illegalArgument } from '../http/errors.js';
import type { SandboxRequest } from '../http/request.js';

/** The request body as an object ({} when absent). */
export function bodyObject(req: SandboxRequest): Record<string, unknown> {
  const body = req.json();
  if (body === undefined) return {};
  if (!isPlainObject(body)) throw illegalArgument('request body must be an object');
  return body;
}

/** XContentMapValues.nodeBooleanValue: true/false or their strings. */
export function bodyBool(body: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = body[key];
  if (value === undefined || value === null) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw illegalArgument(`Failed to parse value [${String(value)}] as only [true] or [false] are allowed.`);
}

/** `indices` of create/restore: a comma string or an array of strings. */
export function bodyIndices(body: Record<string, unknown>): string[] | undefined {
  const value = body.indices;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value
      .flatMap((v: string) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v);
  }
  throw illegalArgument('malformed indices section, should be an array of strings');
}

export function bodyStringOrArray(body: Record<string, unknown>, key: string): string | string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String);
  throw illegalArgument(`[${key}] must be a string or an array of strings`);
}
