#!/usr/bin/env node
// Launcher of the `camunda-backup` CLI (apps/cli), built by `nest build cli` (npm run build).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'dist',
  'apps',
  'cli',
  'apps',
  'cli',
  'src',
  'main.js',
);
if (!existsSync(entry)) {
  process.stderr.write(`camunda-backup is not built yet: run "npm run build" (missing ${entry})\n`);
  process.exit(5);
}
await import(pathToFileURL(entry).href);
