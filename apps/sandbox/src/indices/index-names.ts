import { invalidIndexName } from '../http/errors.js';

/**
 * Elasticsearch 8's `Strings.INVALID_FILENAME_CHARS`, printed in the sorted form newer 8.x builds
 * use; OpenSearch 2.x (ES 7.10 code) prints the HashSet order.
 */
export const INVALID_CHARS_ES = `[' ','"','*',',','/','<','>','?','\\','|']`;
export const INVALID_CHARS_OS = '[ , ", *, \\, <, |, ,, >, /, ?]';
const INVALID_CHARS = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ','];
const MAX_INDEX_NAME_BYTES = 255;

/** `MetadataCreateIndexService.validateIndexOrAliasName` plus the lowercase rule, in ES's order. */
export function validateIndexName(name: string, invalidCharsList = INVALID_CHARS_ES): void {
  if (INVALID_CHARS.some((c) => name.includes(c))) {
    throw invalidIndexName(name, `must not contain the following characters ${invalidCharsList}`);
  }
  if (name.length === 0) throw invalidIndexName(name, 'must not be empty');
  if (name.includes('#')) throw invalidIndexName(name, "must not contain '#'");
  if (name.includes(':')) throw invalidIndexName(name, "must not contain ':'");
  if (['_', '-', '+'].includes(name[0])) throw invalidIndexName(name, "must not start with '_', '-', or '+'");
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_INDEX_NAME_BYTES) {
    throw invalidIndexName(name, `index name is too long, (${bytes} > ${MAX_INDEX_NAME_BYTES})`);
  }
  if (name === '.' || name === '..') throw invalidIndexName(name, "must not be '.' or '..'");
  if (name.toLowerCase() !== name) throw invalidIndexName(name, 'must be lowercase');
}

export function hasInvalidFilenameChars(name: string): boolean {
  return INVALID_CHARS.some((c) => name.includes(c));
}
