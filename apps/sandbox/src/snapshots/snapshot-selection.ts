import { hasWildcard, simpleMatcher } from '../common/glob.js';
import { snapshotMissing } from '../http/errors.js';
import type { SnapshotRecord } from './snapshot-record.js';

export interface SelectionOptions {
  repository: string;
  ignoreUnavailable: boolean;
  flavor: 'elasticsearch' | 'opensearch';
}

/**
 * A repository's snapshots as a request sees them: the completed ones (the repository data, in
 * repository order) and the running ones. Kept apart so a request does not copy the whole list.
 */
export interface RepositorySnapshots {
  completed: readonly SnapshotRecord[];
  running: readonly SnapshotRecord[];
}

/** The snapshot of that exact name, completed or running (names are unique within a repository). */
export function snapshotNamed(snapshots: RepositorySnapshots, name: string): SnapshotRecord | undefined {
  const running = snapshots.running.find((s) => s.name === name);
  if (running) return running;
  // Newest last: the snapshots asked for by name are mostly the ones just taken.
  const { completed } = snapshots;
  for (let i = completed.length - 1; i >= 0; i--) if (completed[i]!.name === name) return completed[i];
  return undefined;
}

/**
 * Completed snapshots matching a wildcard pattern, per version of a repository's data (which is
 * replaced, never changed): a backup's state is polled with the same pattern many times between two
 * changes of the repository, and Elasticsearch matches names in memory at a cost the sandbox's
 * JavaScript scan of thousands of snapshots would otherwise exceed many times over.
 */
const completedMatches = new WeakMap<readonly SnapshotRecord[], Map<string, SnapshotRecord[]>>();
const PATTERNS_KEPT_PER_VERSION = 64;

function completedMatching(completed: readonly SnapshotRecord[], pattern: string): SnapshotRecord[] {
  let byPattern = completedMatches.get(completed);
  if (!byPattern) completedMatches.set(completed, (byPattern = new Map()));
  let matched = byPattern.get(pattern);
  if (!matched) {
    const matches = simpleMatcher(pattern);
    matched = completed.filter((s) => matches(s.name));
    if (byPattern.size >= PATTERNS_KEPT_PER_VERSION) byPattern.clear();
    byPattern.set(pattern, matched);
  }
  return matched;
}

/** Completed, then running snapshots, in one list. */
export function allSnapshots(snapshots: RepositorySnapshots): readonly SnapshotRecord[] {
  return snapshots.running.length === 0 ? snapshots.completed : snapshots.completed.concat(snapshots.running);
}

/**
 * Which snapshots of one repository a `{snapshot}` path element names (facts §1.3, §5.1):
 * `_all` (and, on ES, a lone `*`) is everything; `_current` the running ones; wildcards match
 * leniently; exact names must exist (404 `snapshot_missing_exception`) unless ignore_unavailable;
 * ES honours `-name` after a wildcard; OpenSearch answers 404 when patterns match nothing.
 */
export function selectSnapshots(
  names: string[],
  snapshots: RepositorySnapshots,
  options: SelectionOptions,
): readonly SnapshotRecord[] {
  const es = options.flavor === 'elasticsearch';
  if (names.length === 0 || (names.length === 1 && (names[0] === '_all' || (es && names[0] === '*')))) {
    return allSnapshots(snapshots);
  }
  const selected = new Set<SnapshotRecord>();
  let wildcardSeen = false;
  for (const name of names) {
    if (es && wildcardSeen && name.startsWith('-')) {
      const excluded = simpleMatcher(name.slice(1));
      for (const s of selected) if (excluded(s.name)) selected.delete(s);
    } else if (name === '_current') {
      for (const s of allSnapshots(snapshots)) if (s.state === 'IN_PROGRESS') selected.add(s);
    } else if (name === '_all' || hasWildcard(name)) {
      wildcardSeen = true;
      const pattern = name === '_all' ? '*' : name;
      for (const s of completedMatching(snapshots.completed, pattern)) selected.add(s);
      const matches = simpleMatcher(pattern);
      for (const s of snapshots.running) if (matches(s.name)) selected.add(s);
    } else {
      const found = snapshotNamed(snapshots, name);
      if (found) selected.add(found);
      else if (!options.ignoreUnavailable) throw snapshotMissing(options.repository, name);
    }
  }
  const onlyCurrent = names.every((n) => n === '_current');
  if (!es && selected.size === 0 && !options.ignoreUnavailable && !onlyCurrent) {
    throw snapshotMissing(options.repository, names[0]);
  }
  // One name selects in repository order already; several may not.
  return names.length === 1 ? [...selected] : allSnapshots(snapshots).filter((s) => selected.has(s));
}
