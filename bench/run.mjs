#!/usr/bin/env node
// `npm run bench`: the daemon's paths vs the bare datastore, side by side, at several repository sizes.
// Runs under scripts/ensure-redis.mjs (REDIS_URL). Starts a sandbox (unless DATASTORE_URL is set) and
// the daemon on free loopback ports with a unique QUEUE_PREFIX; removes its Redis keys, repository
// and temp folders afterwards. See BENCHMARKS.md for the method and the last results.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedCamundaIndices } from '../scripts/camunda-indices.mjs';
import { createCase, deleteCase, getCase, listCase, slowRepositoryCases } from './cases.mjs';
import { runLoad } from './load.mjs';
import { createMemoryCgroup, deployedMemoryLimitBytes } from './memory-limit.mjs';
import { populateSandboxFolder, populateViaApi, readTemplate } from './populate.mjs';
import {
  buildIfStale,
  deleteQueueKeys,
  freePort,
  memoryOf,
  root,
  rssSampler,
  startApp,
  startPassThrough,
  waitForHttp,
} from './processes.mjs';
import { resultTables, targetsTable, writeBenchmarks } from './report.mjs';

const ALL_SCALES = [10, 100, 1000, 5000];
/** What `--cases` can select; every one runs by default. */
const ALL_CASES = ['list', 'get', 'create', 'delete', 'memory', 'load', 'slow'];
const TEMPLATE_ID = 1_000_000;

function parseArgs(argv) {
  const options = {
    json: false,
    quick: false,
    write: true,
    scales: ALL_SCALES,
    durationS: 30,
    populate: undefined,
    cases: new Set(ALL_CASES),
    reps: undefined,
    slowBackups: 1000,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--json-out') options.jsonOut = value();
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--scales') options.scales = value().split(',').map(Number);
    else if (arg === '--duration') options.durationS = Number(value());
    else if (arg === '--populate') options.populate = value();
    else if (arg === '--no-slow') options.cases.delete('slow');
    else if (arg === '--cases') options.cases = new Set(value().split(','));
    else if (arg === '--reps') options.reps = Number(value());
    else if (arg === '--slow-backups') options.slowBackups = Number(value());
    else
      throw new Error(
        `unknown option ${arg} (known: --json --json-out FILE --quick --no-write --scales --duration --populate --no-slow --slow-backups N --cases ${ALL_CASES.join(',')} --reps N)`,
      );
  }
  if (options.quick) {
    if (!argv.includes('--slow-backups')) options.slowBackups = 20;
    if (!argv.includes('--scales')) options.scales = [10];
    if (!argv.includes('--duration')) options.durationS = 3;
    if (!argv.includes('--no-write')) options.write = false;
  }
  if (options.scales.some((s) => !Number.isInteger(s) || s < 1 || s > 20_000))
    throw new Error('--scales takes integers from 1 to 20000');
  options.scales = [...new Set(options.scales)].sort((a, b) => a - b);
  if (!(options.durationS > 0 && options.durationS <= 600))
    throw new Error('--duration takes 1..600 seconds');
  if (!Number.isInteger(options.slowBackups) || options.slowBackups < 2 || options.slowBackups > 20_000)
    throw new Error('--slow-backups takes an integer from 2 to 20000');
  const unknownCases = [...options.cases].filter((name) => !ALL_CASES.includes(name));
  if (unknownCases.length > 0)
    throw new Error(
      `--cases takes a comma-separated selection of ${ALL_CASES.join(', ')}; not ${unknownCases}`,
    );
  if (options.reps !== undefined && !(Number.isInteger(options.reps) && options.reps >= 1))
    throw new Error('--reps takes a positive integer');
  if (options.populate && !['api', 'sandbox-folder'].includes(options.populate))
    throw new Error('--populate takes api or sandbox-folder');
  return options;
}

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** Repetitions per scale: fewer at large scales, where one call takes long. */
function repsFor(backups, quick) {
  if (quick) return { list: 8, get: 10, create: 3, del: 3 };
  if (backups <= 100) return { list: 30, get: 40, create: 10, del: 10 };
  if (backups <= 1000) return { list: 15, get: 20, create: 8, del: 8 };
  return { list: 8, get: 10, create: 4, del: 5 };
}

function datastoreClient(url) {
  return {
    url,
    async json(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok)
        throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
      return text ? JSON.parse(text) : undefined;
    },
  };
}

function redactUrl(url) {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}

async function main(options, cleanups) {
  const started = performance.now();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const externalUrl = process.env.DATASTORE_URL;
  const flavor = process.env.DATASTORE_TYPE ?? 'elasticsearch';
  const loadStart = os.loadavg()[0].toFixed(2);

  if (!externalUrl) buildIfStale('sandbox', log);
  buildIfStale('orchestrator', log);

  const sandboxSnapshot = {
    SANDBOX_SNAPSHOT_MIN_MS: process.env.SANDBOX_SNAPSHOT_MIN_MS ?? '300',
    SANDBOX_SNAPSHOT_MS_PER_DOC: process.env.SANDBOX_SNAPSHOT_MS_PER_DOC ?? '2',
  };
  /** A sandbox on a free port with folders of its own, stopped and removed at cleanup. */
  const startSandbox = async (name, env = {}) => {
    const dir = mkdtempSync(join(os.tmpdir(), 'cbo-bench-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const sandbox = startApp('sandbox', {
      SANDBOX_PORT: String(port),
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_FLAVOR: flavor,
      SANDBOX_DATA_DIR: join(dir, 'data'),
      SANDBOX_PATH_REPO: join(dir, 'repositories'),
      ...sandboxSnapshot,
      ...env,
    });
    cleanups.push(() => sandbox.stop());
    await waitForHttp(name, `${url}/`, sandbox);
    log(`${name} (${flavor}) on ${url}, folders in ${dir}`);
    return { url, pid: sandbox.pid, repoRoot: join(dir, 'repositories'), stop: () => sandbox.stop() };
  };
  let datastoreUrl = externalUrl;
  let repoRoot;
  if (!externalUrl) ({ url: datastoreUrl, repoRoot } = await startSandbox('the sandbox'));
  const ds = datastoreClient(datastoreUrl);
  const info = await ds.json('GET', '/');
  const populateMethod = options.populate ?? (externalUrl ? 'api' : 'sandbox-folder');
  if (populateMethod === 'sandbox-folder' && externalUrl)
    throw new Error('--populate sandbox-folder needs the sandbox the bench starts (unset DATASTORE_URL)');

  const repository = `cbo-bench-${process.pid}`;
  /** Camunda's indices and the bench's repository on a datastore; both removed at cleanup. */
  const prepareDatastore = async (client) => {
    await seedCamundaIndices(client.url, { docsPerIndex: 5 });
    await client.json('PUT', `/_snapshot/${repository}`, { type: 'fs', settings: { location: repository } });
    cleanups.push(async () => {
      // Leave nothing behind on a real cluster: the bench's snapshots, then its repository registration.
      await client.json('DELETE', `/_snapshot/${repository}/*`).catch(() => undefined);
      await client.json('DELETE', `/_snapshot/${repository}`).catch(() => undefined);
    });
  };
  await prepareDatastore(ds);
  const hasRequestLog = await fetch(`${datastoreUrl}/_sandbox/requests`)
    .then((r) => r.ok)
    .catch(() => false);

  /** A daemon on free ports with a queue prefix of its own; stopped and its keys removed at cleanup. */
  const startDaemon = async (name, { daemonDatastoreUrl = datastoreUrl, cgroupProcsFile } = {}) => {
    const ports = {
      optimize: await freePort(),
      operate: await freePort(),
      tasklist: await freePort(),
      orchestrator: await freePort(),
    };
    const queuePrefix = `cbo-bench-${randomUUID().slice(0, 8)}`;
    const app = startApp(
      'orchestrator',
      {
        HOST: '127.0.0.1',
        OPTIMIZE_PORT: String(ports.optimize),
        OPERATE_PORT: String(ports.operate),
        TASKLIST_PORT: String(ports.tasklist),
        ORCHESTRATOR_PORT: String(ports.orchestrator),
        DATASTORE_URL: daemonDatastoreUrl,
        DATASTORE_TYPE: flavor,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: queuePrefix,
        BACKUP_REPOSITORY_NAME: repository,
      },
      { cgroupProcsFile },
    );
    const stop = async () => {
      await app.stop();
      await deleteQueueKeys(redisUrl, queuePrefix).catch((e) => log(`could not clean Redis: ${e.message}`));
    };
    cleanups.push(stop);
    await waitForHttp(name, `http://127.0.0.1:${ports.orchestrator}/`, app);
    return { app, pid: app.pid, queuePrefix, operateUrl: `http://127.0.0.1:${ports.operate}`, stop };
  };

  const daemon = await startDaemon('the daemon');
  const { operateUrl, queuePrefix } = daemon;
  log(
    `daemon (pid ${daemon.pid}) Operate API on ${operateUrl}, queue prefix ${queuePrefix}, repository ${repository}`,
  );

  /**
   * What listing every backup costs in memory, without the history of the bench's daemon (whose heap
   * keeps what earlier cases and the load run grew it to): a fresh daemon, idle RSS after one small
   * request, then the peak RSS over 3 listings. With `cgroup`, the daemon runs under that memory
   * limit (as deployed: Node then sizes its heap from the limit).
   */
  const memoryProbe = async (cgroup) => {
    const fresh = await startDaemon('the memory-probe daemon', { cgroupProcsFile: cgroup?.procsFile });
    try {
      await fetch(`${fresh.operateUrl}/actuator/backups/${TEMPLATE_ID}`).then((r) => r.text());
      await new Promise((resolve) => setTimeout(resolve, 500));
      const idle = memoryOf(fresh.pid)?.rss ?? Number.NaN;
      const probeSampler = rssSampler(fresh.pid, 10);
      // Peaks per listing: the first reads every detail from the datastore (the fresh daemon's
      // details cache is empty), the others take them from the cache.
      const peaks = [];
      for (let i = 0; i < 3; i++) {
        await fetch(`${fresh.operateUrl}/actuator/backups`).then((r) => r.text());
        peaks.push(probeSampler.takePeak());
      }
      probeSampler.stop();
      if (process.env.BENCH_PROBE_LOG) writeFileSync(process.env.BENCH_PROBE_LOG, fresh.app.logs());
      return { idle, peak: Math.max(...peaks), peaks };
    } finally {
      await fresh.stop();
    }
  };
  const memoryLimitBytes = deployedMemoryLimitBytes();
  const memoryCgroup = createMemoryCgroup(memoryLimitBytes, `cbo-bench-${process.pid}`);
  if (memoryCgroup.unavailable) {
    log(`the memory probe runs without the deployed memory limit: ${memoryCgroup.unavailable}`);
  } else {
    cleanups.push(() => memoryCgroup.remove());
  }

  const passThrough = await startPassThrough(datastoreUrl);
  cleanups.push(() => passThrough.stop());
  const ctx = {
    operateUrl,
    datastoreUrl,
    passThroughUrl: passThrough.url,
    daemonPid: daemon.pid,
    passThroughPid: passThrough.pid,
    repository,
    ds,
    hasRequestLog,
    pollMs: 20,
  };
  await fetch(`${operateUrl}/actuator/backups`).then((r) => r.text());
  const rssBaseline = memoryOf(daemon.pid)?.rss ?? Number.NaN;
  const sampler = rssSampler(daemon.pid);
  cleanups.push(() => sampler.stop());

  /** The template: a backup made by the daemon, so every populated backup copies real names and metadata. */
  const makeTemplate = async (daemonUrl, client) => {
    log(`creating the template backup ${TEMPLATE_ID} through the daemon`);
    const create = await fetch(`${daemonUrl}/actuator/backups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ backupId: TEMPLATE_ID }),
    });
    if (create.status !== 200)
      throw new Error(`template create answered ${create.status}: ${await create.text()}`);
    for (let i = 0; ; i++) {
      const body = await (await fetch(`${daemonUrl}/actuator/backups/${TEMPLATE_ID}`)).json();
      if (body.state === 'COMPLETED') break;
      if (body.state !== 'IN_PROGRESS' || i > 3000)
        throw new Error(`template backup: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return readTemplate(client, repository, TEMPLATE_ID);
  };
  const template = await makeTemplate(operateUrl, ds);
  const repositoryFolder = repoRoot ? join(repoRoot, repository) : undefined;

  const populate = async (ids) => {
    if (ids.length === 0) return 0;
    const t0 = performance.now();
    if (populateMethod === 'api') await populateViaApi(ds, repository, template, ids, { flavor });
    else {
      const current = await ds.json('GET', `/_snapshot/${repository}/_current`);
      if (current.snapshots.length > 0)
        throw new Error('a snapshot is running; the folder cannot be written now');
      populateSandboxFolder(repositoryFolder, template, ids);
    }
    return performance.now() - t0;
  };

  /**
   * Lists on a blob-store repository (sandbox cost model: every detailed snapshot read takes
   * SANDBOX_REPOSITORY_READ_MS, at most min(3 × SANDBOX_ALLOCATED_PROCESSORS, 50) at a time): a
   * sandbox and daemon of their own, `backups` Operate backups, stopped when done.
   */
  const slowRepository = async (backups, quick) => {
    const readMs = 20;
    const processors = os.availableParallelism();
    const slowSandbox = await startSandbox('the slow-repository sandbox', {
      SANDBOX_REPOSITORY_READ_MS: String(readMs),
      SANDBOX_ALLOCATED_PROCESSORS: String(processors),
    });
    const client = datastoreClient(slowSandbox.url);
    await prepareDatastore(client);
    const slowDaemon = await startDaemon('the slow-repository daemon', {
      daemonDatastoreUrl: slowSandbox.url,
    });
    try {
      const slowTemplate = await makeTemplate(slowDaemon.operateUrl, client);
      const added = Array.from({ length: backups - 1 }, (_, i) => TEMPLATE_ID + 1 + i);
      populateSandboxFolder(join(slowSandbox.repoRoot, repository), slowTemplate, added);
      const ids = [TEMPLATE_ID, ...added];
      log(`slow repository: ${backups} backups (${backups * 6} snapshots), reads of ${readMs} ms`);
      const cases = await slowRepositoryCases(
        {
          operateUrl: slowDaemon.operateUrl,
          datastoreUrl: slowSandbox.url,
          repository,
          daemonPid: slowDaemon.pid,
          datastorePid: slowSandbox.pid,
        },
        {
          warmReps: quick ? 2 : 3,
          coldReps: quick ? 1 : 2,
          getReps: quick ? 5 : 20,
          ids,
          flushCache: () => deleteQueueKeys(redisUrl, `${slowDaemon.queuePrefix}:snapshot-details`),
        },
      );
      const pool = Math.min(3 * processors, 50);
      const modelMs = (backups * 6 * readMs) / pool;
      return {
        backups,
        snapshots: backups * 6,
        readMs,
        processors,
        pool,
        modelMs,
        // The sandbox of this branch may predate the cost model: then nothing is slow.
        costModelActive: cases.warm.bare.median >= 0.5 * modelMs,
        ...cases,
      };
    } finally {
      await slowDaemon.stop();
      await slowSandbox.stop();
    }
  };

  const results = {
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryBytes: os.totalmem(),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      date: new Date().toISOString(),
      loadStart,
    },
    datastore: {
      sandbox: !externalUrl,
      flavor,
      version: info.version?.number,
      description: externalUrl
        ? `${flavor} ${info.version?.number} at ${redactUrl(externalUrl)}`
        : `sandbox (${flavor} flavour, reports ${info.version?.number}), started for the run`,
    },
    config: {
      warmup: 1,
      pollMs: ctx.pollMs,
      populate: populateMethod,
      sandboxSnapshot: externalUrl
        ? 'what the cluster takes'
        : `${sandboxSnapshot.SANDBOX_SNAPSHOT_MIN_MS} ms + ${sandboxSnapshot.SANDBOX_SNAPSHOT_MS_PER_DOC} ms × docs (5 docs per index)`,
      scales: options.scales,
      durationS: options.durationS,
      quick: options.quick,
      slow: options.cases.has('slow') && !externalUrl,
      cases: [...options.cases],
    },
    rssBaseline,
    population: [],
    scales: [],
    load: undefined,
  };

  let backups = [TEMPLATE_ID];
  let nextCreateId = 2_000_000;
  let nextVictimId = 3_000_000;
  for (const scale of options.scales) {
    const missing = Array.from(
      { length: scale - backups.length },
      (_, i) => TEMPLATE_ID + backups.length + i,
    );
    log(
      `scale ${scale}: populating ${missing.length} backups (${missing.length * 6} snapshots, ${populateMethod})`,
    );
    const ms = await populate(missing);
    results.population.push({ toBackups: scale, added: missing.length, method: populateMethod, ms });
    backups = [...backups, ...missing];
    log(`scale ${scale}: populated in ${Math.round(ms)} ms`);

    const reps = repsFor(scale, options.quick);
    if (options.reps !== undefined) Object.assign(reps, { list: options.reps, get: options.reps });
    const selected = (name) => options.cases.has(name);
    sampler.takePeak();
    const measured = { backups: scale, snapshots: scale * 6 };
    if (selected('list')) {
      log(`scale ${scale}: list ×${reps.list} (daemon, bare, pass-through interleaved)`);
      measured.list = await listCase(ctx, { warmup: 1, reps: reps.list, expectedBackups: scale });
    }
    if (selected('get')) {
      log(`scale ${scale}: get ×${reps.get}`);
      measured.get = await getCase(ctx, { warmup: 1, reps: reps.get, ids: backups });
    }
    if (selected('create')) {
      log(`scale ${scale}: create/end-to-end ×${reps.create}`);
      measured.create = await createCase(ctx, {
        warmup: 1,
        reps: reps.create,
        firstId: nextCreateId,
        template,
      });
      nextCreateId += reps.create + 1;
    }
    if (selected('delete')) {
      const victims = Array.from({ length: 2 * (reps.del + 1) }, (_, i) => nextVictimId + i);
      nextVictimId += victims.length;
      await populate(victims);
      log(`scale ${scale}: delete ×${reps.del}`);
      measured.del = await deleteCase(ctx, { warmup: 1, victims });
    }
    measured.rss = { peak: sampler.takePeak() };
    if (selected('memory')) {
      log(`scale ${scale}: memory probe (a fresh daemon lists 3 times)`);
      // The target applies to the daemon as deployed (under its memory limit); the unlimited probe
      // shows what V8 does with a whole machine's memory.
      measured.memoryUnlimited = await memoryProbe(undefined);
      if (!memoryCgroup.unavailable) {
        measured.memory = { ...(await memoryProbe(memoryCgroup)), limitBytes: memoryLimitBytes };
      } else {
        measured.memory = measured.memoryUnlimited;
      }
    }
    results.scales.push(measured);
    const said = (c) => (c ? `${c.daemon.median.toFixed(1)}/${c.bare.median.toFixed(1)} ms` : 'not run');
    log(
      `scale ${scale}: list ${said(measured.list)}, get ${said(measured.get)}, peak RSS ${Math.round(measured.rss.peak / 1048576)} MiB`,
    );

    if (scale === options.scales[0] && selected('load')) {
      const durationMs = options.durationS * 1000;
      const connections = 200;
      const pick = () => backups[Math.floor(Math.random() * backups.length)];
      const runs = [];
      log(`load at ${scale} backups: ${connections} clients, ${options.durationS} s per run`);
      runs.push({
        name: 'daemon GET /actuator/backups/{id}',
        ...(await runLoad({
          connections,
          durationMs,
          nextUrl: () => `${operateUrl}/actuator/backups/${pick()}`,
        })),
      });
      runs.push({
        name: 'bare GET _snapshot/{repo}/camunda_operate_{id}_*',
        ...(await runLoad({
          connections,
          durationMs,
          nextUrl: () => `${datastoreUrl}/_snapshot/${repository}/camunda_operate_${pick()}_*`,
        })),
      });
      runs.push({
        name: 'daemon GET /actuator/backups (list)',
        ...(await runLoad({
          connections,
          durationMs,
          nextUrl: () => `${operateUrl}/actuator/backups`,
        })),
      });
      results.load = { backups: scale, connections, runs, peakRss: sampler.takePeak() };
    }
  }
  if (options.cases.has('slow') && !externalUrl)
    results.slow = await slowRepository(options.slowBackups, options.quick);

  results.rssHwm = memoryOf(daemon.pid)?.hwm ?? Number.NaN;
  results.machine.loadEnd = os.loadavg()[0].toFixed(2);
  results.totalMs = performance.now() - started;
  return results;
}

async function runAll() {
  const options = parseArgs(process.argv.slice(2));
  const cleanups = [];
  let cleaning;
  const cleanup = () => {
    cleaning ??= (async () => {
      for (const step of cleanups.toReversed()) {
        try {
          await step();
        } catch (error) {
          log(`cleanup step failed: ${error.message}`);
        }
      }
    })();
    return cleaning;
  };
  const limitMs = 90 * 60 * 1000;
  const watchdog = setTimeout(() => {
    log(`giving up after ${limitMs / 60000} minutes`);
    void cleanup().then(() => process.exit(1));
  }, limitMs);
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => void cleanup().then(() => process.exit(130)));
  try {
    const results = await main(options, cleanups);
    if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    if (options.jsonOut) writeFileSync(options.jsonOut, `${JSON.stringify(results, null, 2)}\n`);
    else
      process.stdout.write(
        `\n## Targets\n\n${targetsTable(results)}\n\n## Results\n\n${resultTables(results)}\n`,
      );
    if (options.write) {
      await writeBenchmarks(join(root, 'BENCHMARKS.md'), results);
      log('wrote BENCHMARKS.md');
    }
    log(`done in ${Math.round(results.totalMs / 1000)} s`);
  } catch (error) {
    log(`failed: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

await runAll();
