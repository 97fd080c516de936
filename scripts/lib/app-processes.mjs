// The one place that knows where the built apps are and how to start them: used by the npm scripts,
// the test harness (test/support/processes.ts) and the bench (bench/processes.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `nest build <app>` output: dist/apps/<app>/ mirrors the sources, so main.js sits under apps/<app>/src. */
export function entryFileOf(app) {
  return join(root, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');
}

function sourceDirsOf(app) {
  return app === 'sandbox' ? ['apps/sandbox/src'] : [`apps/${app}/src`, 'libs'];
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the app (nest build) when its build is missing or older than its sources. */
export function buildIfStale(app, log = (line) => console.log(line)) {
  const entry = entryFileOf(app);
  const stale =
    !existsSync(entry) ||
    Math.max(...sourceDirsOf(app).map((dir) => newestMtime(join(root, dir)))) > statSync(entry).mtimeMs;
  if (!stale) return;
  log(`building ${app}`);
  execFileSync(join(root, 'node_modules', '.bin', 'nest'), ['build', app], { cwd: root, stdio: 'inherit' });
}

/** Ports this process handed out: the OS may offer a port it just freed again. */
const handedOut = new Set();

/** A TCP port free on loopback right now, never one this process handed out before. */
export async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: chosen } = server.address();
        server.close(() => resolve(chosen));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}
