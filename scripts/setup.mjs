#!/usr/bin/env node
// The project's whole set-up, run by `npm test`, `npm run demo` and the other entry points:
//   node scripts/setup.mjs [--browser] -- COMMAND [ARGS...]
// 1. Node: the `node` running this script when it satisfies package.json `engines.node`; otherwise
//    the exact version in .node-version, installed once from the npm registry (`node-<os>-<arch>`)
//    into .node/ (kept out of git).
// 2. npm dependencies: `npm ci` under that Node when node_modules is missing or older than
//    package-lock.json.
// 3. With --browser (the test command only): Debian's Chromium for the dashboard's browser test.
// 4. Runs COMMAND with that Node's folder first on PATH, so `node`, `npm` and every tool they start
//    (nest, vitest, the spawned daemon and sandbox, which use process.execPath) run on it.
// Uses nothing but Node's built-ins, `npm` and `tar`, and runs on old Node versions (20 here).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNodeVersion, platformPackageName, satisfiesCaretRange } from './node-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function log(message) {
  console.log(`[setup] ${message}`);
}

function fail(message) {
  console.error(`[setup] ${message}`);
  process.exit(1);
}

function readRequirements() {
  const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines?.node;
  if (typeof engines !== 'string') fail('package.json has no engines.node');
  const pinned = readFileSync(join(root, '.node-version'), 'utf8').trim();
  parseNodeVersion(pinned); // throws a clear error on a malformed .node-version
  if (!satisfiesCaretRange(pinned, engines)) {
    fail(`.node-version (${pinned}) does not satisfy package.json engines.node (${engines})`);
  }
  return { engines, pinned };
}

/** The folder of the Node binary every later step runs on; installs the pinned Node when needed. */
function nodeBinDir({ engines, pinned }) {
  if (satisfiesCaretRange(process.versions.node, engines)) return dirname(process.execPath);
  const installDir = join(root, '.node', `v${pinned}`);
  const binary = join(installDir, 'bin', 'node');
  if (existsSync(binary)) return dirname(binary);

  const packageName = platformPackageName(process.platform, process.arch);
  log(
    `Node ${process.versions.node} does not satisfy engines.node ${engines}: ` +
      `installing Node ${pinned} from the npm registry (${packageName}@${pinned}) into .node/`,
  );
  const started = Date.now();
  mkdirSync(join(root, '.node'), { recursive: true });
  const scratch = mkdtempSync(join(root, '.node', 'download-'));
  try {
    // npm pack fetches the tarball through the registry client (checksum checked), without installing.
    const packed = execFileSync(
      'npm',
      ['pack', `${packageName}@${pinned}`, '--pack-destination', scratch, '--json'],
      { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const tarball = JSON.parse(packed)[0].filename;
    execFileSync(
      'tar',
      ['-xzf', join(scratch, tarball), '-C', scratch, 'package/bin/node', 'package/LICENSE'],
      {
        stdio: 'inherit',
      },
    );
    const version = execFileSync(join(scratch, 'package', 'bin', 'node'), ['--version'], {
      encoding: 'utf8',
    }).trim();
    if (version !== `v${pinned}`)
      fail(`${packageName}@${pinned} contains Node ${version}, expected v${pinned}`);
    // The rename is the commit point: a half-finished download never looks installed.
    rmSync(installDir, { recursive: true, force: true });
    renameSync(join(scratch, 'package'), installDir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  log(`installed Node ${pinned} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dirname(binary);
}

function ensureDependencies(env) {
  const installedMarker = join(root, 'node_modules', '.package-lock.json');
  const lockFile = join(root, 'package-lock.json');
  const needsInstall =
    !existsSync(installedMarker) || statSync(installedMarker).mtimeMs < statSync(lockFile).mtimeMs;
  if (!needsInstall) return;
  log('node_modules missing or older than package-lock.json: running npm ci');
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env });
  } catch {
    fail('npm ci failed (its output is above)');
  }
}

/** A warning nobody scrolls past. */
function loud(message) {
  const line = '!'.repeat(100);
  console.error(`${line}\n[setup] ${message}\n${line}`);
}

/** The dashboard's browser test drives Debian's Chromium (playwright-core downloads no browser). */
function ensureBrowser() {
  if (existsSync('/usr/bin/chromium')) return;
  if (existsSync('/usr/bin/apt-get')) {
    log('/usr/bin/chromium missing: apt-get install -y chromium');
    try {
      execFileSync('apt-get', ['update'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', 'chromium'], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      return;
    } catch (error) {
      loud(`could not install Chromium with apt-get (${error.message})`);
    }
  } else {
    loud('/usr/bin/chromium is missing and there is no apt-get to install it');
  }
  const consequence =
    'the dashboard browser test (test/operations/dashboard.e2e-spec.ts) needs /usr/bin/chromium and will fail';
  if (process.env.CI === 'true') fail(`CI=true: ${consequence}; install the chromium package`);
  loud(`${consequence}; install the chromium package (apt-get install chromium)`);
}

function main() {
  const args = process.argv.slice(2);
  const separator = args.indexOf('--');
  const options = separator === -1 ? args : args.slice(0, separator);
  const command = separator === -1 ? [] : args.slice(separator + 1);
  const unknown = options.filter((option) => option !== '--browser');
  if (unknown.length > 0)
    fail(`unknown option(s) ${unknown.join(', ')}; usage: setup.mjs [--browser] -- COMMAND`);

  const binDir = nodeBinDir(readRequirements());
  const pathKey = Object.keys(process.env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  const env = { ...process.env, [pathKey]: `${binDir}${delimiter}${process.env[pathKey] ?? ''}` };
  ensureDependencies(env);
  if (options.includes('--browser')) ensureBrowser();
  if (command.length === 0) return;

  const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env, cwd: process.cwd() });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => fail(`could not run ${command.join(' ')}: ${error.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
