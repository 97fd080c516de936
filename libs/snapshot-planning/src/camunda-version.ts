import { validateVersion } from './snapshot-name.js';

export interface VersionCore {
  major: number;
  minor: number;
  patch: number;
}

/**
 * major.minor.patch of a version as it appears in snapshot names (validateVersion's rule). A
 * pre-release counts as its release: 8.8.0-snapshot → 8.8.0, 8.10.0-alpha2 → 8.10.0. Throws a
 * RangeError naming the problem for anything else.
 */
export function parseVersionCore(version: string): VersionCore {
  const problem = validateVersion(version);
  if (problem !== null) throw new RangeError(problem);
  const [major, minor, patch] = version.split('-', 1)[0].split('.').map(Number);
  return { major, minor, patch };
}

/** Negative, zero or positive as a is before, equal to or after b. */
export function compareVersionCore(a: VersionCore, b: VersionCore): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}
