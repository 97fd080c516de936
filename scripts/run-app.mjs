#!/usr/bin/env node
// `npm start` / `npm run sandbox` (after scripts/setup.mjs): builds the app when its sources are newer
// than its build, then runs it in this process's place (signals are forwarded).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = process.argv[2];
const appArgs = process.argv.slice(3);
const sourceDirs = app === 'sandbox' ? ['apps/sandbox/src'] : [`apps/${app}/src`, 'libs'];

function entryFileOf(appName) {
  return join(root, 'dist', 'apps', appName, 'apps', appName, 'src', 'main.js');
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

const entry = entryFileOf(app);
const sourcesChanged =
  !existsSync(entry) ||
  Math.max(...sourceDirs.map((d) => newestMtime(join(root, d)))) > statSync(entry).mtimeMs;
if (sourcesChanged) {
  console.log(`[run-app] building ${app}`);
  execFileSync(join(root, 'node_modules', '.bin', 'nest'), ['build', app], { cwd: root, stdio: 'inherit' });
}
const child = spawn(process.execPath, ['--enable-source-maps', entry, ...appArgs], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
