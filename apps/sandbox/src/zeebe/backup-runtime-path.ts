/**
 * How Zeebe 8.8+'s `BackupEndpoint` reads the path after `/actuator/backupRuntime` (facts 8.8+ §4.2):
 * nothing → the collection; `state` (8.9+) → the runtime state, `state/sync` its sync; a segment
 * ending with `*` → a prefix list; otherwise the segment must parse as a Java `long`.
 */
export type BackupRuntimeTarget =
  | { kind: 'collection' }
  | { kind: 'state' }
  | { kind: 'state-sync' }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'id'; id: bigint }
  | { kind: 'invalid'; message: string };

const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;

export const INVALID_ARGUMENTS = 'Invalid arguments provided.';

export function expectedIdOrPrefix(argument: string): string {
  return `Expected a backup ID or prefix ending with '*', but got '${argument}'.`;
}

/** `segments`: the decoded path segments after `backupRuntime`; `stateEndpoints`: 8.9 and later. */
export function parseBackupRuntimePath(
  segments: readonly string[],
  stateEndpoints: boolean,
): BackupRuntimeTarget {
  if (segments.length === 0) return { kind: 'collection' };
  if (stateEndpoints && segments[0] === 'state') {
    if (segments.length === 1) return { kind: 'state' };
    if (segments.length === 2 && segments[1] === 'sync') return { kind: 'state-sync' };
    return { kind: 'invalid', message: INVALID_ARGUMENTS };
  }
  if (segments.length > 1) return { kind: 'invalid', message: INVALID_ARGUMENTS };
  const argument = segments[0];
  if (argument.endsWith('*')) return { kind: 'prefix', prefix: argument.slice(0, -1) };
  const id = parseJavaLong(argument);
  return id === undefined ? { kind: 'invalid', message: expectedIdOrPrefix(argument) } : { kind: 'id', id };
}

/** `Long.parseLong`: optional sign, decimal digits, within 64 bits; undefined otherwise. */
export function parseJavaLong(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value < LONG_MIN || value > LONG_MAX ? undefined : value;
}

/** Whether a backup ID belongs to a prefix list (`<prefix>*` matches IDs whose decimal form starts so). */
export function matchesPrefix(backupId: bigint, prefix: string): boolean {
  return backupId.toString().startsWith(prefix);
}
