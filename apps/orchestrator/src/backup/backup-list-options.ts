import {
  backupSnapshotPattern,
  componentSnapshotPattern,
  isValidBackupId,
  type SnapshotComponent,
} from '@app/snapshot-planning';
import { DomainError } from '../core/errors/domain-error.js';

/**
 * Which backup IDs a list selects (Camunda's `pattern`): every ID, the IDs whose digits start with
 * `prefix` (`12*`), or exactly one ID (`12`: Camunda's own API would look for a snapshot literally
 * named `…_12` and find nothing; here it selects backup 12).
 */
export type BackupIdSelection =
  { kind: 'all' } | { kind: 'prefix'; prefix: string } | { kind: 'exact'; digits: string };

/** How a list is read: Camunda's `verbose` (default true) and `pattern` query parameters. */
export interface BackupListOptions {
  /** false: states from the datastore's cheap listing; `startTime` and `failures` are null. */
  verbose: boolean;
  ids: BackupIdSelection;
}

export const DEFAULT_LIST_OPTIONS: BackupListOptions = { verbose: true, ids: { kind: 'all' } };

/** Camunda's rule (BackupRepository.validPattern): digits, optionally one trailing `*`, ≤ 20 characters. */
const PATTERN_RULE = /^(\d*)\*?$/;
const MAX_PATTERN_LENGTH = 20;

/** Spring's boolean spellings, so scripts written against Camunda's API keep working. */
const TRUE_WORDS = new Set(['true', 'on', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'off', 'no', '0']);

/** The list options from the request's query (Express parses repeated parameters into arrays). */
export function listOptionsFromQuery(query: Record<string, unknown>): BackupListOptions {
  return { verbose: parseVerbose(query.verbose), ids: parsePattern(query.pattern) };
}

function parseVerbose(value: unknown): boolean {
  if (value === undefined || value === '') return true;
  const word = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (word !== undefined && TRUE_WORDS.has(word)) return true;
  if (word !== undefined && FALSE_WORDS.has(word)) return false;
  throw new DomainError('invalid_request', `Invalid verbose: ${String(value)} (expected true or false)`);
}

export function parsePattern(value: unknown): BackupIdSelection {
  if (value === undefined || value === '') return { kind: 'all' };
  const text = typeof value === 'string' ? value : String(value);
  const match = typeof value === 'string' ? PATTERN_RULE.exec(text) : null;
  if (match === null || text.length > MAX_PATTERN_LENGTH) {
    throw new DomainError('invalid_request', `Invalid pattern: ${text}`);
  }
  const digits = match[1] ?? '';
  if (!text.endsWith('*')) return { kind: 'exact', digits };
  return digits === '' ? { kind: 'all' } : { kind: 'prefix', prefix: digits };
}

/**
 * The one snapshot pattern sent to the datastore for a selection, or undefined when no backup can
 * match (an exact ID out of range or with leading zeros). Built only from validated digits: a prefix
 * pattern is `camunda_{component}_{digits}*`, which the `_` after the component name keeps inside
 * that component; an exact ID gets the per-backup pattern ending in `_` after the ID.
 */
export function snapshotPatternFor(component: SnapshotComponent, ids: BackupIdSelection): string | undefined {
  if (ids.kind === 'all') return componentSnapshotPattern(component);
  if (ids.kind === 'exact') {
    const id = canonicalBackupId(ids.digits);
    return id === undefined ? undefined : backupSnapshotPattern(component, id);
  }
  if (!/^\d{1,19}$/.test(ids.prefix)) return undefined;
  return `${componentSnapshotPattern(component).slice(0, -1)}${ids.prefix}*`;
}

/** Whether a backup ID is selected (also applied to what the datastore returned and to queued jobs). */
export function isSelected(backupId: bigint, ids: BackupIdSelection): boolean {
  if (ids.kind === 'all') return true;
  const digits = backupId.toString();
  return ids.kind === 'exact' ? digits === ids.digits : digits.startsWith(ids.prefix);
}

function canonicalBackupId(digits: string): bigint | undefined {
  if (!/^[1-9]\d{0,18}$/.test(digits)) return undefined;
  const id = BigInt(digits);
  return isValidBackupId(id) ? id : undefined;
}
