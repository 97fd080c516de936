import { hasWildcard, simpleMatcher } from '../common/glob.js';
import { snapshotMissing } from '../http/errors.js';
import type { SnapshotRecord } from './snapshot-record.js';

export interface SelectionOptions {
  repository: string;
  ignoreUnavailable: boolean;
  flavor: 'elasticsearch' | 'opensearch';
}

/**
 * Which snapshots of one repository a `{snapshot}` path element names (facts §1.3, §5.1):
 * `_all` (and, on ES, a lone `*`) is everything; `_current` the running ones; wildcards match
 * leniently; exact names must exist (404 `snapshot_missing_exception`) unless ignore_unavailable;
 * ES honours `-name` after a wildcard; OpenSearch answers 404 when patterns match nothing.
 */
export function selectSnapshots(
  names: string[],
  snapshots: SnapshotRecord[],
  options: SelectionOptions,
): SnapshotRecord[] {
  const es = options.flavor === 'elasticsearch';
  if (names.length === 0 || (names.length === 1 && (names[0] === '_all' || (es && names[0] === '*')))) {
    return snapshots;
  }
  const selected = new Set<SnapshotRecord>();
  let wildcardSeen = false;
  for (const name of names) {
    if (es && wildcardSeen && name.startsWith('-')) {
      const excluded = simpleMatcher(name.slice(1));
      for (const s of selected) if (excluded(s.name)) selected.delete(s);
    } else if (name === '_current') {
      snapshots.filter((s) => s.state === 'IN_PROGRESS').forEach((s) => selected.add(s));
    } else if (name === '_all' || hasWildcard(name)) {
      wildcardSeen = true;
      const matches = simpleMatcher(name === '_all' ? '*' : name);
      for (const s of snapshots) if (matches(s.name)) selected.add(s);
    } else {
      const found = snapshots.find((s) => s.name === name);
      if (found) selected.add(found);
      else if (!options.ignoreUnavailable) throw snapshotMissing(options.repository, name);
    }
  }
  const onlyCurrent = names.every((n) => n === '_current');
  if (!es && selected.size === 0 && !options.ignoreUnavailable && !onlyCurrent) {
    throw snapshotMissing(options.repository, names[0]);
  }
  // One name selects in repository order already; several may not.
  return names.length === 1 ? [...selected] : snapshots.filter((s) => selected.has(s));
}
