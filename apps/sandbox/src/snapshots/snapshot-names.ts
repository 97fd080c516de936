import { EsError } from '../http/errors.js';

const INVALID_CHARS = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ','];

export const invalidSnapshotName = (repository: string, name: string, description: string): EsError =>
  new EsError(
    400,
    'invalid_snapshot_name_exception',
    `[${repository}:${name}] Invalid snapshot name [${name}], ${description}`,
  );

/**
 * Snapshot name rules in Elasticsearch's order (SnapshotsServiceUtils.validate); identical in
 * OpenSearch except for how the character list prints.
 */
export function validateSnapshotName(repository: string, name: string, invalidCharsList: string): void {
  const fail = (description: string) => invalidSnapshotName(repository, name, description);
  if (name.length === 0) throw fail('cannot be empty');
  if (name.includes(' ')) throw fail('must not contain whitespace');
  if (name.includes(',')) throw fail("must not contain ','");
  if (name.includes('#')) throw fail("must not contain '#'");
  if (name.startsWith('_')) throw fail("must not start with '_'");
  if (name.toLowerCase() !== name) throw fail('must be lowercase');
  if (INVALID_CHARS.some((c) => name.includes(c)))
    throw fail(`must not contain the following characters ${invalidCharsList}`);
}

/** The duplicate-name error: ES 8 has its own exception type, OpenSearch reuses the invalid-name one. */
export function duplicateSnapshotName(
  repository: string,
  name: string,
  inProgress: boolean,
  flavor: 'elasticsearch' | 'opensearch',
): EsError {
  const description = inProgress
    ? 'snapshot with the same name is already in-progress'
    : 'snapshot with the same name already exists';
  const error = invalidSnapshotName(repository, name, description);
  if (flavor === 'opensearch') return error;
  return new EsError(400, 'snapshot_name_already_in_use_exception', error.reason);
}
