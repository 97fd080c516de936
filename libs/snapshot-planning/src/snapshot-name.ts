import { isValidBackupId, MAX_BACKUP_ID } from './backup-id.js';
import {
  isComponentName,
  isSnapshotComponent,
  PART_COUNT,
  SNAPSHOT_COMPONENTS,
  type ComponentName,
  type SnapshotComponent,
} from './component.js';

export interface ParsedSnapshotName {
  component: ComponentName;
  backupId: bigint;
  version: string;
  partNo: number;
  partCount: number;
}

/** A parsed name of any family, the Camunda 8.8+ `webapps` set included (see parseAnySnapshotName). */
export interface ParsedAnySnapshotName {
  component: SnapshotComponent;
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
  component: SnapshotComponent;
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

/**
 * The names of all parts of one backup, in part order (what create answers as `scheduledSnapshots`).
 * A per-app component defaults to its fixed PART_COUNT; `webapps` has no fixed count (it depends on
 * which indices exist, see planWebappsParts), so its count must be given.
 */
export function backupSnapshotNames(
  component: ComponentName,
  backupId: bigint,
  version: string,
  partCount?: number,
): string[];
export function backupSnapshotNames(
  component: 'webapps',
  backupId: bigint,
  version: string,
  partCount: number,
): string[];
export function backupSnapshotNames(
  component: SnapshotComponent,
  backupId: bigint,
  version: string,
  partCount?: number,
): string[] {
  if (partCount === undefined) {
    if (!isComponentName(component)) {
      throw new RangeError(
        `partCount must be given for ${String(component)}: its part count varies from backup to backup`,
      );
    }
    partCount = PART_COUNT[component];
  }
  // Checked here too: a count of 0 would otherwise give an empty list instead of an error.
  if (!isPartCount(partCount)) {
    throw new RangeError(
      `partCount must be an integer from 1 to ${MAX_PART_COUNT}; got ${String(partCount)}`,
    );
  }
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
  const parsed = parseAnySnapshotName(name);
  if (parsed === null) return null;
  const { component } = parsed;
  return isComponentName(component) ? { ...parsed, component } : null;
}

/**
 * Like parseSnapshotName, with the same strictness, but also accepts the Camunda 8.8+ web-apps set
 * `camunda_webapps_{id}_{version}_part_{n}_of_{N}`. parseSnapshotName itself stays per-app only:
 * its callers treat the component as one of COMPONENTS.
 */
export function parseAnySnapshotName(name: string): ParsedAnySnapshotName | null {
  if (typeof name !== 'string') return null;
  const match = SNAPSHOT_NAME_PATTERN.exec(name);
  if (match === null) return null;
  const [, componentText, idText, version, partNoText, partCountText] = match;
  if (!isSnapshotComponent(componentText)) return null;
  const backupId = BigInt(idText);
  if (backupId > MAX_BACKUP_ID) return null;
  if (validateVersion(version) !== null) return null;
  const partNo = Number(partNoText);
  const partCount = Number(partCountText);
  if (partNo > partCount) return null;
  return { component: componentText, backupId, version, partNo, partCount };
}

/** The pattern selecting exactly one backup's parts of one component: `camunda_${component}_${id}_*` (ends with `_` after the ID so 1 never matches 12). */
export function backupSnapshotPattern(component: SnapshotComponent, backupId: bigint): string {
  assertComponent(component);
  assertBackupId(backupId);
  return `camunda_${component}_${backupId}_*`;
}

/** All backups of a component: `camunda_${component}_*`. */
export function componentSnapshotPattern(component: SnapshotComponent): string {
  assertComponent(component);
  return `camunda_${component}_*`;
}

function isPartCount(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_PART_COUNT;
}

// Patterns and names go to the datastore, so the types alone are not trusted here.
function assertComponent(component: unknown): asserts component is SnapshotComponent {
  if (!isSnapshotComponent(component)) {
    throw new RangeError(
      `component must be one of ${SNAPSHOT_COMPONENTS.join(', ')}; got ${String(component)}`,
    );
  }
}

function assertBackupId(backupId: unknown): asserts backupId is bigint {
  if (typeof backupId !== 'bigint' || !isValidBackupId(backupId)) {
    throw new RangeError(`backupId must be a bigint from 1 to ${MAX_BACKUP_ID}; got ${String(backupId)}`);
  }
}
