export const MAX_BACKUP_ID = 9223372036854775807n;

export type BackupIdResult = { ok: true; value: bigint } | { ok: false; message: string };

export const BACKUP_ID_RULE = `backupId must be a positive integer from 1 to ${MAX_BACKUP_ID} (a JSON number or a string of digits)`;

const MISSING_MESSAGE = `backupId must be provided: a positive integer from 1 to ${MAX_BACKUP_ID} (a JSON number or a string of digits)`;

/** Longer digit texts are rejected before any conversion, even when they are only leading zeros. */
export const MAX_BACKUP_ID_TEXT_LENGTH = 64;

const MAX_RENDERED_LENGTH = 40;
const MAX_ID_DIGITS = MAX_BACKUP_ID.toString().length;

/** Text of digits only (what a path segment or the raw text of a JSON number holds): /^[0-9]+$/, 1..MAX; leading zeros allowed and normalised. */
export function parseBackupIdText(text: string): BackupIdResult {
  if (typeof text !== 'string') return parseBackupId(text);
  if (text.length > MAX_BACKUP_ID_TEXT_LENGTH || !/^[0-9]+$/.test(text)) return rejected(text);
  const significantDigits = text.replace(/^0+/, '');
  if (significantDigits.length === 0 || significantDigits.length > MAX_ID_DIGITS) return rejected(text);
  const value = BigInt(significantDigits);
  return value > MAX_BACKUP_ID ? rejected(text) : { ok: true, value };
}

/** Any JS value: bigint (range-checked), string (→ parseBackupIdText), number (only a safe integer ≥ 1), anything else rejected. */
export function parseBackupId(value: unknown): BackupIdResult {
  switch (typeof value) {
    case 'undefined':
      return { ok: false, message: MISSING_MESSAGE };
    case 'string':
      return parseBackupIdText(value);
    case 'bigint':
      return isValidBackupId(value) ? { ok: true, value } : rejected(value);
    case 'number':
      if (Number.isSafeInteger(value) && value >= 1) return { ok: true, value: BigInt(value) };
      if (Number.isInteger(value) && value > Number.MAX_SAFE_INTEGER) {
        // A JS number this large may already have been rounded; only the exact digits can be trusted.
        return {
          ok: false,
          message: `${BACKUP_ID_RULE}; got ${renderReceived(value)}, which is beyond exact number precision: the exact digits must reach the parser`,
        };
      }
      return rejected(value);
    default:
      return rejected(value);
  }
}

export function isValidBackupId(value: bigint): boolean {
  return typeof value === 'bigint' && value >= 1n && value <= MAX_BACKUP_ID;
}

/** Like parseBackupId, for callers that already validated: throws the rejection message. */
export function requireBackupId(value: unknown): bigint {
  const result = parseBackupId(value);
  if (!result.ok) throw new RangeError(result.message);
  return result.value;
}

function rejected(received: unknown): BackupIdResult {
  return { ok: false, message: `${BACKUP_ID_RULE}; got ${renderReceived(received)}` };
}

/** A short rendering of untrusted input that is safe to put into a log line or a JSON message. */
function renderReceived(received: unknown): string {
  if (received === null) return 'null';
  if (Array.isArray(received)) return 'an array';
  switch (typeof received) {
    case 'string':
      return JSON.stringify(truncate(received));
    case 'number':
    case 'boolean':
      return String(received);
    case 'bigint':
      return truncate(received.toString());
    case 'object':
      return 'an object';
    default:
      return `a ${typeof received}`;
  }
}

function truncate(text: string): string {
  return text.length > MAX_RENDERED_LENGTH ? `${text.slice(0, MAX_RENDERED_LENGTH)}…` : text;
}

/** Sort order of every backup list: the highest (newest) backup ID first. */
export function compareBackupIdsNewestFirst(a: bigint, b: bigint): number {
  return a === b ? 0 : a > b ? -1 : 1;
}
