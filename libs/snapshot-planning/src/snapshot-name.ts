import { isValidBackupId, MAX_BACKUP_ID } from './backup-id.js';
import { isComponentName, PART_COUNT, type ComponentName } from './component.js';

export interface ParsedSnapshotName {
  component: ComponentName;
  backupId: bigint;
  version: string;
  partNo: number;
  partCount: number;
}

/** Part numbers and counts are written with at most three digits. */
export const MAX_PART_COUNT = 999;

export const MAX_VERSION_LENGTH = 64;

// major.minor.patch without leading zeros, then an optional pre-release of lower-case letters and digits
// in dot- or hyphen-separated pieces (8.6.0-rc1, 8.1.0-snapshot, 3.9.0-preview-1, 8.8.0-alpha.2).
const VERSION_PATTERN = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9a-z]+([.-][0-9a-z]+)*)?$/;

const SNAPSHOT_NAME_PATTERN =
  /^camunda_([a-z]+)_([1-9][0-9]{0,18})_([^_]+)_part_([1-9][0-9]{0,2})_of_([1-9][0-9]{0,2})$/;

/** Version text allowed in names: what Camunda writes (lower-case semver with optional pre-release like 8.6.0-rc1), no `_`, nothing invalid in an ES snapshot name. Returns an error message or null. */
export function validateVersion(version: string): string | null {
  if (typeof version !== 'string' || version.length === 0) {
    return 'version must be provided, e.g. 8.8.0 or 8.6.0-rc1';
  }
  if (version.length > MAX_VERSION_LENGTH || !VERSION_PATTERN.test(version)) {
    const shown = version.length > 40 ? `${version.slice(0, 40)}…` : version;
    return (
      'version must be a lower-case semantic version like 8.8.0 or 8.6.0-rc1 ' +
      `(major.minor.patch, optionally "-" and a pre-release of a-z, 0-9, "." and "-"; ` +
      `at most ${MAX_VERSION_LENGTH} characters); got ${JSON.stringify(shown)}`
    );
  }
  return null;
}

/** `camunda_${component}_${backupId}_${version}_part_${partNo}_of_${partCount}`. Throws on invalid version or part numbers. */
export function snapshotName(p: {
  component: ComponentName;
  backupId: bigint;
  version: string;
  partNo: number;
  partCount: number;
}): string {
  assertComponent(p.component);
  assertBackupId(p.backupId);
  const versionProblem = validateVersion(p.version);
  if (versionProblem !== null) throw new RangeError(versionProblem);
  if (!isPartCount(p.partCount)) {
    throw new RangeError(
      `partCount must be an integer from 1 to ${MAX_PART_COUNT}; got ${String(p.partCount)}`,
    );
  }
  if (!Number.isInteger(p.partNo) || p.partNo < 1 || p.partNo > p.partCount) {
    throw new RangeError(`partNo must be an integer from 1 to ${p.partCount}; got ${String(p.partNo)}`);
  }
  return `camunda_${p.component}_${p.backupId}_${p.version}_part_${p.partNo}_of_${p.partCount}`;
}

/** The names of all parts of one backup, in part order (what create answers as `scheduledSnapshots`). */
export function backupSnapshotNames(
  component: ComponentName,
  backupId: bigint,
  version: string,
  partCount: number = PART_COUNT[component],
): string[] {
  const names: string[] = [];
  for (let partNo = 1; partNo <= partCount; partNo++) {
    names.push(snapshotName({ component, backupId, version, partNo, partCount }));
  }
  return names;
}

/**
 * Inverse of snapshotName; null for anything that is not exactly such a name (other prefixes,
 * camunda_zeebe_records_backup_1, bad numbers, part 0, partNo > partCount, id out of range...).
 * Only the canonical spelling parses (no leading zeros), so snapshotName(parse(name)) === name.
 */
export function parseSnapshotName(name: string): ParsedSnapshotName | null {
  if (typeof name !== 'string') return null;
  const match = SNAPSHOT_NAME_PATTERN.exec(name);
  if (match === null) return null;
  const [, componentText, idText, version, partNoText, partCountText] = match;
  if (!isComponentName(componentText)) return null;
  const backupId = BigInt(idText);
  if (backupId > MAX_BACKUP_ID) return null;
  if (validateVersion(version) !== null) return null;
  const partNo = Number(partNoText);
  const partCount = Number(partCountText);
  if (partNo > partCount) return null;
  return { component: componentText, backupId, version, partNo, partCount };
}

/** The pattern selecting exactly one backup's parts of one component: `camunda_${component}_${id}_*` (ends with `_` after the ID so 1 never matches 12). */
export function backupSnapshotPattern(component: ComponentName, backupId: bigint): string {
  assertComponent(component);
  assertBackupId(backupId);
  return `camunda_${component}_${backupId}_*`;
}

/** All backups of a component: `camunda_${component}_*`. */
export function componentSnapshotPattern(component: ComponentName): string {
  assertComponent(component);
  return `camunda_${component}_*`;
}

function isPartCount(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_PART_COUNT;
}

// Patterns and names go to the datastore, so the types alone are not trusted here.
function assertComponent(component: unknown): asserts component is ComponentName {
  if (!isComponentName(component)) {
    throw new RangeError(`component must be one of optimize, operate, tasklist; got ${String(component)}`);
  }
}

function assertBackupId(backupId: unknown): asserts backupId is bigint {
  if (typeof backupId !== 'bigint' || !isValidBackupId(backupId)) {
    throw new RangeError(`backupId must be a bigint from 1 to ${MAX_BACKUP_ID}; got ${String(backupId)}`);
  }
}
