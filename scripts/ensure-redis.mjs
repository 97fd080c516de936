#!/usr/bin/env node
// Makes sure a Redis answers for the command after `--`, then runs that command with REDIS_URL set.
// 1. REDIS_URL (default redis://127.0.0.1:6379) answers PING: use it.
// 2. Otherwise start `redis-server` on a free port (installing it with apt-get if it is missing),
//    run the command against it, and stop it afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './lib/app-processes.mjs';

const separator = process.argv.indexOf('--');
const command = separator === -1 ? [] : process.argv.slice(separator + 1);
const requestedUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function log(message) {
  console.log(`[ensure-redis] ${message}`);
}

function pingRedis(url, timeoutMs = 1000) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const finish = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

function redisServerBinary() {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.trim();
  log('redis-server is not installed: installing it with apt-get');
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  const install = spawnSync('apt-get', ['install', '-y', 'redis-server'], { stdio: 'inherit' });
  if (update.status !== 0 || install.status !== 0) {
    throw new Error(
      'could not install redis-server with apt-get; install it or set REDIS_URL to a running Redis',
    );
  }
  return 'redis-server';
}

async function startOwnRedis() {
  const binary = redisServerBinary();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cbo-redis-'));
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await pingRedis(url, 200)) {
      log(`started ${binary} on ${url} (pid ${child.pid}); it stops when the command ends`);
      return {
        url,
        stop: () => {
          child.kill('SIGTERM');
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port}`);
}

async function main() {
  let redis;
  if (await pingRedis(requestedUrl)) {
    log(`using the Redis that answers at ${requestedUrl}`);
    redis = { url: requestedUrl, stop: () => {} };
  } else {
    log(`no Redis answers at ${requestedUrl}`);
    redis = await startOwnRedis();
  }
  if (command.length === 0) {
    redis.stop();
    return;
  }
  const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, REDIS_URL: redis.url },
    shell: process.platform === 'win32',
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    redis.stop();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch((error) => {
  console.error(`[ensure-redis] ${error.message}`);
  process.exit(1);
});
