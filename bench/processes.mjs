// Child processes of the bench (sandbox, daemon) on free loopback ports, builds, RSS sampling, cleanup.
import { spawn } from 'node:child_process';
import {
  closeSync,
  fstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
} from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { entryFileOf, root } from '../scripts/lib/app-processes.mjs';
import { commandInCgroup } from './memory-limit.mjs';

export { buildIfStale, entryFileOf, freePort, root } from '../scripts/lib/app-processes.mjs';

/**
 * A started app. Its output goes to a file of its own, not a pipe to this process: a pipe drained by
 * the bench's own busy event loop (the load run) would put the apps' log writes behind it. The last
 * 64 KiB are read back for failure messages; the file is removed when the app is stopped (kept, and
 * named, with BENCH_KEEP_LOGS=1).
 * BENCH_NODE_ARGS adds Node options to the sandbox and daemon only (e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof` to profile them). `cgroupProcsFile`: start the app in that cgroup.
 */
export function startApp(app, env, { cgroupProcsFile } = {}) {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const logDir = mkdtempSync(join(os.tmpdir(), `cbo-bench-${app}-`));
  const logFile = join(logDir, 'output.log');
  const output = openSync(logFile, 'a');
  const command = [process.execPath, ...nodeArgs, entryFileOf(app)];
  const [file, ...args] = cgroupProcsFile ? commandInCgroup(cgroupProcsFile, command) : command;
  const child = spawn(file, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    pid: child.pid,
    logs: () => tailOf(logFile, 65536),
    running: () => child.exitCode === null && child.signalCode === null,
    async stop(graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      if (process.env.BENCH_KEEP_LOGS) process.stderr.write(`[bench] ${app} output kept in ${logFile}\n`);
      else rmSync(logDir, { recursive: true, force: true });
    },
  };
}

/** The last `bytes` of a file as text ('' when it is gone). */
function tailOf(path, bytes) {
  let fd;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The pass-through proxy (bench/pass-through.mjs) in its own process; resolves once it listens. */
export async function startPassThrough(datastoreUrl) {
  const child = spawn(process.execPath, [join(root, 'bench', 'pass-through.mjs'), datastoreUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (data) => {
      output += data;
      if (output.includes('\n')) resolve(output.trim());
    });
    child.once('exit', (code) => reject(new Error(`the pass-through proxy exited with ${code}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function waitForHttp(name, url, app, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!app.running()) throw new Error(`${name} exited:\n${app.logs()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not answer on ${url} within ${timeoutMs} ms:\n${app.logs()}`);
}

/** VmRSS and VmHWM of a process in bytes (Linux /proc); undefined elsewhere or when it is gone. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/**
 * CPU time a process has used so far, in ms, all its threads (Linux /proc schedstat: nanoseconds on
 * a CPU); undefined elsewhere or when it is gone.
 */
export function cpuTimeOf(pid) {
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`))
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    return undefined;
  }
}

/** Samples VmRSS every `intervalMs`; `takePeak()` returns the highest sample since the last call. */
export function rssSampler(pid, intervalMs = 25) {
  let peak = 0;
  const sample = () => {
    const memory = memoryOf(pid);
    if (memory && memory.rss > peak) peak = memory.rss;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    takePeak() {
      sample();
      const value = peak;
      peak = 0;
      return value;
    },
    stop: () => clearInterval(timer),
  };
}

export async function deleteQueueKeys(redisUrl, prefix) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    let rounds = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0' && ++rounds < 100_000);
  } finally {
    redis.disconnect();
  }
}
