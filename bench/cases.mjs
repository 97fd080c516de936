// The benchmark cases: the daemon's path and the bare datastore path, interleaved, warm-up discarded.
import { performance } from 'node:perf_hooks';
import { cpuTimeOf } from './processes.mjs';
import { ratio, summarize } from './stats.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One HTTP call, timed until its whole body has arrived. */
export async function timedCall(method, url, body) {
  const started = performance.now();
  const startedWall = Date.now();
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { ms: performance.now() - started, status: response.status, text, startedAt: started, startedWall };
}

function expectStatus(what, call, ...statuses) {
  if (!statuses.includes(call.status))
    throw new Error(`${what} answered ${call.status}: ${call.text.slice(0, 500)}`);
}

/**
 * Runs `daemon(i)` and `bare(i)` warmup + reps times, alternating which goes first; keeps the
 * timings of the reps after the warm-up.
 */
export async function sideBySide({ warmup, reps, daemon, bare }) {
  const samples = { daemon: [], bare: [] };
  for (let i = 0; i < warmup + reps; i++) {
    const order = i % 2 === 0 ? ['daemon', 'bare'] : ['bare', 'daemon'];
    for (const path of order) {
      const ms = await (path === 'daemon' ? daemon(i) : bare(i));
      if (i >= warmup) samples[path].push(ms);
    }
  }
  const result = { daemon: summarize(samples.daemon), bare: summarize(samples.bare) };
  return { ...result, ratio: ratio(result.daemon.median, result.bare.median) };
}

/**
 * Runs every path of `paths` warmup + reps times, rotating which goes first; keeps the timings of
 * the reps after the warm-up. Returns a summary per path.
 */
export async function interleaved({ warmup, reps, paths, afterWarmup }) {
  const names = Object.keys(paths);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < warmup + reps; i++) {
    if (i === warmup) afterWarmup?.();
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length];
      const ms = await paths[name](i);
      if (i >= warmup) samples[name].push(ms);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples[name])]));
}

/**
 * The daemon's call, the bare datastore call and the same bare call through the pass-through proxy,
 * interleaved: `overhead` = daemon / pass-through (what the daemon adds beyond one HTTP hop),
 * `ratio` = daemon / bare, `hopRatio` = pass-through / bare.
 */
async function threeWay(ctx, { warmup, reps, daemon, barePath, check }) {
  const cpu = { daemon: ctx.daemonPid, passThrough: ctx.passThroughPid };
  let cpuBefore;
  const bareCall = async (base, i, what) => {
    const call = await timedCall('GET', `${base}${barePath(i)}`);
    expectStatus(what, call, 200);
    return call.ms;
  };
  const result = await interleaved({
    warmup,
    reps,
    afterWarmup: () => {
      cpuBefore = { daemon: cpuTimeOf(cpu.daemon), passThrough: cpuTimeOf(cpu.passThrough) };
    },
    paths: {
      daemon: async (i) => {
        const call = await daemon(i);
        check?.(call, i);
        return call.ms;
      },
      bare: (i) => bareCall(ctx.datastoreUrl, i, 'bare call'),
      passThrough: (i) => bareCall(ctx.passThroughUrl, i, 'pass-through call'),
    },
  });
  // What each process spent on its calls (its CPU time over the measured repetitions / reps): the
  // daemon's own work per request, against the proxy's, without the waiting that latency includes.
  const cpuPerCall = (name) => (cpuTimeOf(cpu[name]) - cpuBefore[name]) / reps;
  return {
    ...result,
    cpuMs: { daemon: cpuPerCall('daemon'), passThrough: cpuPerCall('passThrough') },
    ratio: ratio(result.daemon.median, result.bare.median),
    overhead: ratio(result.daemon.median, result.passThrough.median),
    hopRatio: ratio(result.passThrough.median, result.bare.median),
  };
}

export async function listCase(ctx, { warmup, reps, expectedBackups }) {
  let checked = false;
  return threeWay(ctx, {
    warmup,
    reps,
    daemon: async () => {
      const call = await timedCall('GET', `${ctx.operateUrl}/actuator/backups`);
      expectStatus('daemon list', call, 200);
      return call;
    },
    check: (call) => {
      if (checked) return;
      checked = true;
      const listed = JSON.parse(call.text);
      if (listed.length !== expectedBackups) {
        const extra = listed
          .filter((b) => b.backupId >= 2_000_000)
          .map((b) => `${b.backupId} ${b.state} ${b.failureReason ?? ''} parts=${b.details.length}`);
        throw new Error(
          `daemon listed ${listed.length} backups, expected ${expectedBackups}; beyond the populated ones: ${extra.join('; ')}`,
        );
      }
    },
    barePath: () => `/_snapshot/${ctx.repository}/camunda_operate_*`,
  });
}

/** The backup the i-th repetition reads: spread over the repository, the same for every path. */
export function pickBackup(ids, i) {
  return ids[(i * 7919) % ids.length];
}

export async function getCase(ctx, { warmup, reps, ids }) {
  const pick = (i) => pickBackup(ids, i);
  return threeWay(ctx, {
    warmup,
    reps,
    daemon: async (i) => {
      const call = await timedCall('GET', `${ctx.operateUrl}/actuator/backups/${pick(i)}`);
      expectStatus('daemon get', call, 200);
      if (JSON.parse(call.text).state !== 'COMPLETED') throw new Error(`backup ${pick(i)}: ${call.text}`);
      return call;
    },
    barePath: (i) => `/_snapshot/${ctx.repository}/camunda_operate_${pick(i)}_*`,
  });
}

/**
 * A blob-store repository (SANDBOX_REPOSITORY_READ_MS): the daemon's list with its snapshot-details
 * cache warm, and cold (`flushCache()` before each call), against the bare verbose GET of every
 * snapshot; and one backup's get against the bare pattern GET. Every answer is checked.
 */
export async function slowRepositoryCases(ctx, { warmReps, coldReps, getReps, ids, flushCache }) {
  const list = async () => {
    const call = await timedCall('GET', `${ctx.operateUrl}/actuator/backups`);
    expectStatus('daemon list', call, 200);
    const listed = JSON.parse(call.text);
    if (listed.length !== ids.length || listed.some((b) => b.state !== 'COMPLETED'))
      throw new Error(`daemon listed ${listed.length} backups (expected ${ids.length}, all COMPLETED)`);
    return call.ms;
  };
  const bareList = async () => {
    const call = await timedCall('GET', `${ctx.datastoreUrl}/_snapshot/${ctx.repository}/camunda_operate_*`);
    expectStatus('bare verbose list', call, 200);
    return call.ms;
  };
  const pids = { daemon: ctx.daemonPid, datastore: ctx.datastorePid };
  await list(); // fills the cache
  const warm = await withCpu(pids, { warmup: 0, reps: warmReps, paths: { daemon: list, bare: bareList } });
  const cold = await withCpu(pids, {
    warmup: 0,
    reps: coldReps,
    paths: {
      daemon: async () => {
        await flushCache();
        return list();
      },
      bare: bareList,
    },
  });
  const pick = (i) => pickBackup(ids, i);
  const get = await withCpu(pids, {
    warmup: 1,
    reps: getReps,
    paths: {
      daemon: async (i) => {
        const call = await timedCall('GET', `${ctx.operateUrl}/actuator/backups/${pick(i)}`);
        expectStatus('daemon get', call, 200);
        return call.ms;
      },
      bare: async (i) => {
        const path = `/_snapshot/${ctx.repository}/camunda_operate_${pick(i)}_*`;
        const call = await timedCall('GET', `${ctx.datastoreUrl}${path}`);
        expectStatus('bare get', call, 200);
        return call.ms;
      },
    },
  });
  return { warm: withRatio(warm), cold: withRatio(cold), get: withRatio(get) };
}

/**
 * `interleaved`, plus the CPU time each process of `pids` spent during each path's calls, per call
 * (warm-up excluded): where the time of a path goes when it is not waiting.
 */
async function withCpu(pids, { warmup, reps, paths }) {
  const spent = {};
  const measured = Object.fromEntries(
    Object.entries(paths).map(([name, path]) => [
      name,
      async (i) => {
        const before = Object.fromEntries(Object.entries(pids).map(([p, pid]) => [p, cpuTimeOf(pid)]));
        const ms = await path(i);
        if (i >= warmup) {
          spent[name] ??= {};
          for (const [p, pid] of Object.entries(pids))
            spent[name][p] = (spent[name][p] ?? 0) + (cpuTimeOf(pid) - before[p]) / reps;
        }
        return ms;
      },
    ]),
  );
  return { ...(await interleaved({ warmup, reps, paths: measured })), cpuMs: spent };
}

function withRatio(c) {
  return { ...c, ratio: ratio(c.daemon.median, c.bare.median) };
}

async function waitForState(ctx, id, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const call = await timedCall('GET', `${ctx.operateUrl}/actuator/backups/${id}`);
    const state = call.status === 200 ? JSON.parse(call.text).state : `HTTP ${call.status}`;
    if (state !== 'IN_PROGRESS') return { state, at: performance.now(), wallAt: Date.now(), body: call.text };
    if (performance.now() > deadline) throw new Error(`backup ${id} still IN_PROGRESS after ${timeoutMs} ms`);
    await sleep(ctx.pollMs);
  }
}

async function waitForSnapshot(ctx, name, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const call = await timedCall('GET', `${ctx.datastoreUrl}/_snapshot/${ctx.repository}/${name}`);
    expectStatus(`GET snapshot ${name}`, call, 200);
    const state = JSON.parse(call.text).snapshots[0]?.state;
    if (state !== 'IN_PROGRESS') return state;
    if (performance.now() > deadline) throw new Error(`${name} still IN_PROGRESS after ${timeoutMs} ms`);
    await sleep(ctx.pollMs);
  }
}

/**
 * Create → accepted, accepted → first snapshot PUT (sandbox request log), create → COMPLETED vs the
 * parts' own durations; the bare path is one PUT _snapshot (wait_for_completion=false) of part 1's
 * indices. Every backup made here is deleted afterwards, so the repository keeps its size.
 */
export async function createCase(ctx, { warmup, reps, firstId, template }) {
  const accepted = { daemon: [], bare: [] };
  const firstRequest = [];
  const e2e = [];
  const partsSum = [];
  const excess = [];
  // Where the time beyond the parts goes: before the first part, between parts, after the last one.
  const beforeFirst = [];
  const betweenParts = [];
  const afterLast = [];
  for (let i = 0; i < warmup + reps; i++) {
    const keep = i >= warmup;
    const id = firstId + i;
    const bareFirst = i % 2 === 1;
    const bareCreate = async () => {
      const name = `bench_bare_${id}`;
      const call = await timedCall('PUT', `${ctx.datastoreUrl}/_snapshot/${ctx.repository}/${name}`, {
        indices: template.indices[0],
        include_global_state: template.includeGlobalState,
        metadata: { bench: true },
      });
      expectStatus('bare create', call, 200);
      if (keep) accepted.bare.push(call.ms);
      await waitForSnapshot(ctx, name, 120_000);
      await ctx.ds.json('DELETE', `/_snapshot/${ctx.repository}/${name}`);
    };
    if (bareFirst) await bareCreate();
    if (ctx.hasRequestLog) await ctx.ds.json('DELETE', '/_sandbox/requests');
    const call = await timedCall('POST', `${ctx.operateUrl}/actuator/backups`, { backupId: id });
    const acceptedWall = Date.now();
    expectStatus('daemon create', call, 200);
    const done = await waitForState(ctx, id, 300_000);
    if (done.state !== 'COMPLETED') throw new Error(`backup ${id} ended ${done.state}: ${done.body}`);
    const parts = await ctx.ds.json('GET', `/_snapshot/${ctx.repository}/camunda_operate_${id}_*`);
    const sum = parts.snapshots.reduce((total, s) => total + s.duration_in_millis, 0);
    if (keep) {
      accepted.daemon.push(call.ms);
      const took = done.at - call.startedAt;
      e2e.push(took);
      partsSum.push(sum);
      excess.push(took - (1.05 * sum + 100));
      const ordered = parts.snapshots.toSorted((a, b) => a.start_time_in_millis - b.start_time_in_millis);
      // (Wall clock: the sandbox's times are epoch milliseconds.)
      beforeFirst.push(ordered[0].start_time_in_millis - call.startedWall);
      for (let k = 1; k < ordered.length; k++)
        betweenParts.push(ordered[k].start_time_in_millis - ordered[k - 1].end_time_in_millis);
      afterLast.push(done.wallAt - ordered.at(-1).end_time_in_millis);
    }
    if (ctx.hasRequestLog && keep) {
      const log = await ctx.ds.json('GET', '/_sandbox/requests');
      const put = log.find(
        (r) => r.method === 'PUT' && r.path.startsWith(`/_snapshot/${ctx.repository}/camunda_operate_${id}_`),
      );
      if (put) firstRequest.push(Date.parse(put.time) - acceptedWall);
    }
    // Through the daemon: its job may still be following the last part when GET already says
    // COMPLETED, and a bare delete then would leave that job to fail ("disappeared").
    const removed = await timedCall('DELETE', `${ctx.operateUrl}/actuator/backups/${id}`);
    expectStatus('daemon delete after create', removed, 204);
    if (!bareFirst) await bareCreate();
  }
  return {
    accepted: {
      daemon: summarize(accepted.daemon),
      bare: summarize(accepted.bare),
      ratio: ratio(summarize(accepted.daemon).median, summarize(accepted.bare).median),
    },
    firstRequest: ctx.hasRequestLog ? summarize(firstRequest) : undefined,
    e2e: {
      daemon: summarize(e2e),
      partsSum: summarize(partsSum),
      excess: summarize(excess),
      meeting: excess.filter((x) => x <= 0).length,
      beforeFirst: summarize(beforeFirst),
      betweenParts: summarize(betweenParts),
      afterLast: summarize(afterLast),
      ratio: ratio(summarize(e2e).median, summarize(partsSum).median),
    },
  };
}

/** Deletes `victims` (populated backups): even ones through the daemon, odd ones bare, interleaved. */
export async function deleteCase(ctx, { warmup, victims }) {
  const pairs = [];
  for (let i = 0; i + 1 < victims.length; i += 2) pairs.push([victims[i], victims[i + 1]]);
  return sideBySide({
    warmup,
    reps: pairs.length - warmup,
    daemon: async (i) => {
      const call = await timedCall('DELETE', `${ctx.operateUrl}/actuator/backups/${pairs[i][0]}`);
      expectStatus('daemon delete', call, 204);
      return call.ms;
    },
    bare: async (i) => {
      const call = await timedCall(
        'DELETE',
        `${ctx.datastoreUrl}/_snapshot/${ctx.repository}/camunda_operate_${pairs[i][1]}_*`,
      );
      expectStatus('bare delete', call, 200);
      return call.ms;
    },
  });
}
