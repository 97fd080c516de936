#!/usr/bin/env node
// `npm start` / `npm run sandbox` (after scripts/setup.mjs): builds the app when its sources are newer
// than its build, then runs it in this process's place (signals are forwarded).
import { spawn } from 'node:child_process';
import { buildIfStale, entryFileOf } from './lib/app-processes.mjs';

const app = process.argv[2];
const appArgs = process.argv.slice(3);

buildIfStale(app, (line) => console.log(`[run-app] ${line}`));
const entry = entryFileOf(app);
const child = spawn(process.execPath, ['--enable-source-maps', entry, ...appArgs], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
