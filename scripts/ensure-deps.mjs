#!/usr/bin/env node
// Installs the npm dependencies when they are missing or older than package-lock.json.
// Uses nothing but Node itself, so it runs on a fresh clone before `npm ci`.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const installedMarker = join(root, 'node_modules', '.package-lock.json');
const lockFile = join(root, 'package-lock.json');

const needsInstall =
  !existsSync(installedMarker) || statSync(installedMarker).mtimeMs < statSync(lockFile).mtimeMs;

if (needsInstall) {
  console.log('[ensure-deps] node_modules missing or older than package-lock.json: running npm ci');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
} else {
  console.log('[ensure-deps] dependencies are installed');
}

// The dashboard's browser test drives Debian's Chromium (playwright-core downloads no browser).
if (!existsSync('/usr/bin/chromium')) {
  if (existsSync('/usr/bin/apt-get')) {
    console.log('[ensure-deps] /usr/bin/chromium missing: apt-get install -y chromium');
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    console.log(
      '[ensure-deps] /usr/bin/chromium missing and no apt-get: install Chromium for the dashboard test',
    );
  }
}
