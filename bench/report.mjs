// BENCHMARKS.md and the console table from the results object; targets checked here.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  formatMiB,
  formatMs,
  formatRatio,
  growthExponent,
  keepBetweenMarkers,
  mark,
  markdownTable,
} from './stats.mjs';

export const BEGIN = '<!-- interpretation:begin (hand-written; `npm run bench` keeps this section) -->';
export const END = '<!-- interpretation:end -->';

/** The per-request overhead target: daemon median / pass-through median. */
export const OVERHEAD_TARGET = 1.1;
export const MEMORY_GROWTH_TARGET_BYTES = 64 * 1024 * 1024;
export const MEMORY_EXPONENT_TARGET = 0.5;
export const SLOW_TARGETS = { warm: 0.1, cold: 1.05, get: 1.1 };

/**
 * Every target with what was measured, the goal, and its verdict: pass true/false, or undefined
 * when it could not be measured.
 */
export function checkTargets(results) {
  const targets = [];
  for (const s of results.scales) {
    const label = `${s.backups.toLocaleString('en-US')} backups`;
    for (const [name, c] of [
      ['list', s.list],
      ['get', s.get],
    ]) {
      if (!c) continue;
      targets.push({
        target: `per-request overhead, ${name} (${label}): daemon / pass-through proxy`,
        value: `${formatRatio(c.overhead)} (${formatMs(c.daemon.median)} / ${formatMs(c.passThrough.median)} ms)`,
        goal: `≤ ${OVERHEAD_TARGET.toFixed(2)}×`,
        pass: c.overhead <= OVERHEAD_TARGET,
      });
    }
    if (s.create) targets.push(...createTargets(s.create, label));
  }
  const memory = memoryGrowth(results);
  if (memory.growth.length > 0) targets.push(...memoryTargets(results, memory));
  if (results.config.cases?.includes('slow') !== false) targets.push(...slowTargets(results.slow));
  if (results.load) {
    for (const run of results.load.runs)
      targets.push({
        target: `load, ${results.load.connections} clients × ${(run.durationMs / 1000).toFixed(0)} s: ${run.name}`,
        value: `${run.errors} errors, p99 ${formatMs(run.latency.p99)} ms`,
        goal: '0 errors',
        pass: run.errors === 0,
      });
  }
  return targets;
}

function createTargets(create, label) {
  return [
    {
      target: `create answers, p99 (${label})`,
      value: `${formatMs(create.accepted.daemon.p99)} ms`,
      goal: '< 20 ms',
      pass: create.accepted.daemon.p99 < 20,
    },
    {
      target: `first snapshot request after acceptance, p99 (${label})`,
      value: create.firstRequest ? `${formatMs(create.firstRequest.p99)} ms` : 'not measurable',
      goal: '< 50 ms',
      pass: create.firstRequest ? create.firstRequest.p99 < 50 : undefined,
    },
    {
      target: `end-to-end excess over 1.05 × parts + 100 ms, median (${label})`,
      value: `${formatMs(create.e2e.excess.median)} ms (${create.e2e.meeting}/${create.e2e.daemon.n} runs meet it)`,
      goal: '≤ 0 ms',
      pass: create.e2e.excess.median <= 0,
    },
  ];
}

/** The memory limit a probe ran under, as the report names it. */
function limitOf(memory) {
  return memory?.limitBytes ? `${formatMiB(memory.limitBytes)} memory limit as deployed` : 'no memory limit';
}

function memoryTargets(results, memory) {
  const at5000 = results.scales.find((s) => s.backups === 5000);
  const growth5000 = at5000?.memory ? at5000.memory.peak - at5000.memory.idle : Number.NaN;
  return [
    {
      target: `daemon RSS growth while listing 5,000 backups (memory probe, ${limitOf(at5000?.memory)})`,
      value: Number.isFinite(growth5000) ? formatMiB(growth5000) : 'scale not run',
      goal: `≤ ${formatMiB(MEMORY_GROWTH_TARGET_BYTES)}`,
      pass: Number.isFinite(growth5000) ? growth5000 <= MEMORY_GROWTH_TARGET_BYTES : undefined,
    },
    {
      target: `memory growth exponent ${memory.between ?? 'between the two largest scales'} (${limitOf(results.scales.find((s) => s.memory)?.memory)})`,
      value: Number.isFinite(memory.exponent) ? memory.exponent.toFixed(2) : 'not enough scales',
      goal: `< ${MEMORY_EXPONENT_TARGET}`,
      pass: Number.isFinite(memory.exponent) ? memory.exponent < MEMORY_EXPONENT_TARGET : undefined,
    },
  ];
}

function slowTargets(slow) {
  const slowNote = slow && !slow.costModelActive ? ' — no slowdown: this sandbox has no read cost model' : '';
  const slowTarget = (target, c, goal) => ({
    target: target.replace('{n}', (slow?.backups ?? 1000).toLocaleString('en-US')),
    value: slow
      ? `${formatRatio(c.ratio)} (${formatMs(c.daemon.median)} / ${formatMs(c.bare.median)} ms)${slowNote}`
      : 'not run',
    goal: `≤ ${goal.toFixed(2)}×`,
    pass: slow?.costModelActive ? c.ratio <= goal : undefined,
  });
  return [
    slowTarget(
      'slow repository, {n} backups: daemon list (cache warm) / bare verbose GET',
      slow?.warm,
      SLOW_TARGETS.warm,
    ),
    slowTarget(
      'slow repository, {n} backups: daemon list (cache cold) / bare verbose GET',
      slow?.cold,
      SLOW_TARGETS.cold,
    ),
    slowTarget('slow repository, {n} backups: daemon get / bare pattern GET', slow?.get, SLOW_TARGETS.get),
  ];
}

/**
 * Growth of a fresh daemon's RSS while it lists every backup, per scale (the memory probe); the
 * exponent between 1,000 and 5,000 backups when both ran, else between the two largest scales.
 */
export function memoryGrowth(results) {
  const scales = results.scales.filter((s) => s.memory?.peak > 0 && s.memory?.idle > 0);
  const growth = scales.map((s) => ({
    backups: s.backups,
    snapshots: s.snapshots,
    growth: s.memory.peak - s.memory.idle,
  }));
  if (growth.length < 2) return { growth, exponent: Number.NaN };
  const preferred = [growth.find((g) => g.backups === 1000), growth.find((g) => g.backups === 5000)];
  const [a, b] = preferred.every(Boolean) ? preferred : growth.slice(-2);
  return {
    growth,
    exponent: growthExponent(a.snapshots, a.growth, b.snapshots, b.growth),
    between: `${a.backups.toLocaleString('en-US')} → ${b.backups.toLocaleString('en-US')} backups`,
  };
}

function caseTable(results, pick, { withOverhead } = {}) {
  const rows = results.scales.filter(pick).map((s) => {
    const c = pick(s);
    const row = [
      s.backups.toLocaleString('en-US'),
      s.snapshots.toLocaleString('en-US'),
      formatMs(c.daemon.median),
      formatMs(c.daemon.p95),
      formatMs(c.bare.median),
      formatMs(c.bare.p95),
      formatRatio(c.ratio),
      c.daemon.n,
    ];
    if (withOverhead)
      row.push(
        formatMs(c.passThrough.median),
        formatRatio(c.hopRatio),
        formatRatio(c.overhead),
        mark(c.overhead <= OVERHEAD_TARGET),
        c.cpuMs ? formatMs(c.cpuMs.daemon) : '—',
        c.cpuMs ? formatMs(c.cpuMs.passThrough) : '—',
      );
    return row;
  });
  const headers = [
    'backups',
    'snapshots',
    'daemon median ms',
    'daemon p95 ms',
    'bare median ms',
    'bare p95 ms',
    'daemon / bare',
    'n',
  ];
  if (withOverhead)
    headers.push(
      'pass-through median ms',
      'pass-through / bare',
      'overhead: daemon / pass-through',
      `≤ ${OVERHEAD_TARGET.toFixed(2)}×`,
      'daemon CPU ms / call',
      'pass-through CPU ms / call',
    );
  return markdownTable(headers, rows);
}

function slowTable(slow) {
  const row = (name, c, goal) => [
    name,
    formatMs(c.daemon.median),
    formatMs(c.bare.median),
    formatRatio(c.ratio),
    c.daemon.n,
    `≤ ${goal.toFixed(2)}×`,
    slow.costModelActive ? mark(c.ratio <= goal) : 'n/a',
    c.cpuMs ? `${formatMs(c.cpuMs.daemon.datastore)} / ${formatMs(c.cpuMs.bare.datastore)}` : '—',
    c.cpuMs ? formatMs(c.cpuMs.daemon.daemon) : '—',
  ];
  return markdownTable(
    [
      'case',
      'daemon median ms',
      'bare median ms',
      'daemon / bare',
      'n',
      'target',
      'verdict',
      'sandbox CPU ms / call: daemon path / bare',
      'daemon CPU ms / call',
    ],
    [
      row('list, details cache warm vs bare verbose `GET camunda_operate_*`', slow.warm, SLOW_TARGETS.warm),
      row('list, details cache cold vs bare verbose `GET camunda_operate_*`', slow.cold, SLOW_TARGETS.cold),
      row('get one backup vs bare `GET camunda_operate_{id}_*`', slow.get, SLOW_TARGETS.get),
    ],
  );
}

/** A table with one row per scale: the backups, then `row(scale)`. */
function perScaleTable(headers, scales, row) {
  return markdownTable(
    ['backups', ...headers],
    scales.map((s) => [s.backups.toLocaleString('en-US'), ...row(s)]),
  );
}

export function resultTables(results) {
  const parts = [];
  const ran = (pick) => results.scales.filter(pick);
  const created = ran((s) => s.create);
  if (ran((s) => s.list).length > 0) {
    parts.push(
      '### List all backups (`GET /actuator/backups` vs `GET _snapshot/{repo}/camunda_operate_*`)\n',
    );
    parts.push(caseTable(results, (s) => s.list, { withOverhead: true }));
  }
  if (ran((s) => s.get).length > 0) {
    parts.push(
      '\n### Get one backup (`GET /actuator/backups/{id}` vs `GET _snapshot/{repo}/camunda_operate_{id}_*`)\n',
    );
    parts.push(caseTable(results, (s) => s.get, { withOverhead: true }));
  }
  if (created.length > 0) {
    parts.push(
      '\n### Create → accepted (`POST /actuator/backups` vs `PUT _snapshot/{repo}/{name}` of part 1, `wait_for_completion=false`)\n',
    );
    parts.push(
      perScaleTable(
        ['daemon median ms', 'daemon p99 ms', 'bare median ms', 'bare p99 ms', 'ratio', 'n', '< 20 ms p99'],
        created,
        ({ create: { accepted: c } }) => [
          formatMs(c.daemon.median),
          formatMs(c.daemon.p99),
          formatMs(c.bare.median),
          formatMs(c.bare.p99),
          formatRatio(c.ratio),
          c.daemon.n,
          mark(c.daemon.p99 < 20),
        ],
      ),
    );
    parts.push(
      '\n### Accepted → first snapshot request (arrival of the part-1 `PUT` in the sandbox request log)\n',
    );
    parts.push(
      perScaleTable(['median ms', 'p95 ms', 'p99 (max) ms', 'n', '≤ 50 ms p99'], created, ({ create }) => {
        const f = create.firstRequest;
        return f
          ? [formatMs(f.median), formatMs(f.p95), formatMs(f.p99), f.n, mark(f.p99 <= 50)]
          : ['not measurable (no request log)', '—', '—', 0, 'n/a'];
      }),
    );
    parts.push(
      '\n### End-to-end backup (POST → `GET` says COMPLETED) vs the sum of its 6 parts\u2019 own snapshot durations\n',
    );
    parts.push(
      perScaleTable(
        [
          'e2e median ms',
          'e2e p95 ms',
          'parts sum median ms',
          'e2e / parts',
          'excess over 1.05 × parts + 100 ms (median)',
          'runs meeting',
          'target',
          'before the first part / between parts / after the last, median ms',
        ],
        created,
        ({ create: { e2e: e } }) => [
          formatMs(e.daemon.median),
          formatMs(e.daemon.p95),
          formatMs(e.partsSum.median),
          formatRatio(e.ratio),
          formatMs(e.excess.median),
          `${e.meeting}/${e.daemon.n}`,
          mark(e.excess.median <= 0),
          e.betweenParts
            ? [e.beforeFirst, e.betweenParts, e.afterLast].map((x) => formatMs(x.median)).join(' / ')
            : '—',
        ],
      ),
    );
  }
  if (ran((s) => s.del).length > 0) {
    parts.push(
      '\n### Delete one backup (`DELETE /actuator/backups/{id}` vs `DELETE _snapshot/{repo}/camunda_operate_{id}_*`)\n',
    );
    parts.push(caseTable(results, (s) => s.del));
  }
  const memory = memoryGrowth(results);
  if (memory.growth.length > 0) {
    parts.push(
      '\n### Daemon memory (VmRSS; the probe: a fresh daemon per scale, idle after one get, peak over 3 listings, sampled every 10 ms)\n',
    );
    const probes = results.scales.flatMap((s) =>
      [s.memory, s.memoryUnlimited !== s.memory ? s.memoryUnlimited : undefined]
        .filter((probe) => probe?.peak > 0)
        .map((probe) => ({ s, probe })),
    );
    parts.push(
      markdownTable(
        [
          'backups',
          'snapshots',
          'memory limit',
          'probe idle RSS',
          'probe peak RSS',
          'growth while listing',
          'growth per snapshot',
          'growth by listing 1 (cold) / 2 / 3 (warm)',
          'bench daemon peak RSS (all cases, with its history)',
        ],
        probes.map(({ s, probe }) => {
          const growth = probe.peak - probe.idle;
          return [
            s.backups.toLocaleString('en-US'),
            s.snapshots.toLocaleString('en-US'),
            probe.limitBytes ? `${formatMiB(probe.limitBytes)} (as deployed)` : 'none',
            formatMiB(probe.idle),
            formatMiB(probe.peak),
            formatMiB(growth),
            `${Math.round(growth / s.snapshots).toLocaleString('en-US')} B`,
            probe.peaks ? probe.peaks.map((p) => formatMiB(p - probe.idle)).join(' / ') : '—',
            formatMiB(s.rss.peak),
          ];
        }),
      ),
    );
    parts.push(
      `\nThe bench daemon: idle RSS after start-up ${formatMiB(results.rssBaseline)}, VmHWM at the end ${formatMiB(results.rssHwm)}. ` +
        `Growth exponent of the probe (${memory.between ?? 'two scales needed'}): ${Number.isFinite(memory.exponent) ? memory.exponent.toFixed(2) : '—'} ` +
        '(1 = linear in snapshots).',
    );
  }
  if (results.slow) {
    const slow = results.slow;
    parts.push(
      `\n### Slow (blob-store) repository: ${slow.backups.toLocaleString('en-US')} Operate backups (${slow.snapshots.toLocaleString('en-US')} snapshots), \`SANDBOX_REPOSITORY_READ_MS=${slow.readMs}\`, \`SANDBOX_ALLOCATED_PROCESSORS=${slow.processors}\` (${slow.pool} reads at a time)\n`,
    );
    parts.push(slowTable(slow));
    parts.push(
      `\nThe cost model predicts ${formatMs(slow.modelMs)} ms for the bare verbose GET of every snapshot; ` +
        (slow.costModelActive
          ? 'the sandbox applied it.'
          : '**the sandbox of this run did not slow down** (it predates `SANDBOX_REPOSITORY_READ_MS`), so these ratios say nothing about a blob store.'),
    );
  }
  if (results.load) {
    parts.push(
      `\n### Load: ${results.load.connections} concurrent clients, closed loop, at ${results.load.backups} backups\n`,
    );
    parts.push(
      markdownTable(
        ['run', 'duration s', 'requests', 'req/s', 'median ms', 'p99 ms', 'max ms', 'errors'],
        results.load.runs.map((r) => [
          r.name,
          (r.durationMs / 1000).toFixed(1),
          r.requests.toLocaleString('en-US'),
          Math.round(r.throughput).toLocaleString('en-US'),
          formatMs(r.latency.median),
          formatMs(r.latency.p99),
          formatMs(r.latency.max),
          `${r.errors}${r.errors ? ` (${r.firstError})` : ''} ${mark(r.errors === 0)}`,
        ]),
      ),
    );
  }
  parts.push('\n### Population (not timed as a case)\n');
  parts.push(
    markdownTable(
      ['to backups', 'added backups', 'added snapshots', 'method', 'took ms'],
      results.population.map((p) => [
        p.toBackups.toLocaleString('en-US'),
        p.added.toLocaleString('en-US'),
        (p.added * 6).toLocaleString('en-US'),
        p.method,
        formatMs(p.ms),
      ]),
    ),
  );
  return parts.join('\n');
}

export function targetsTable(results) {
  return markdownTable(
    ['target', 'measured', 'goal', 'verdict'],
    checkTargets(results).map((t) => [t.target, t.value, t.goal, mark(t.pass)]),
  );
}

const DEFAULT_INTERPRETATION = '_No interpretation written yet._';

export function benchmarksMarkdown(results, previous) {
  const m = results.machine;
  return `# Benchmarks

Generated by \`npm run bench\` (bench/run.mjs) on ${m.date}. Do not edit outside the interpretation
section: the script regenerates this file and keeps only that section.

Run it yourself: \`npm run bench\` (sandbox started for the run), \`DATASTORE_URL=http://… npm run bench\`
(a real cluster; its \`path.repo\` must allow a relative location), options \`--scales 10,100\`,
\`--cases list,get,create,delete,memory,load,slow\` (a selection), \`--reps N\` (list and get repetitions),
\`--quick\`, \`--duration 30\`, \`--json\` (results as JSON on stdout, after the helper scripts' own lines),
\`--json-out FILE\`, \`--no-write\`.

## Machine

| | |
| --- | --- |
| CPU | ${m.cpu} |
| cores | ${m.cores} |
| memory | ${formatMiB(m.memoryBytes)} |
| OS | ${m.os} |
| Node | ${m.node} |
| load average at start / end (1 min) | ${m.loadStart} / ${m.loadEnd} |
| datastore | ${results.datastore.description} |
| whole run took | ${formatMs(results.totalMs / 1000)} s |

The machine is shared: ${m.cores} cores serve the bench client, the daemon, the sandbox and Redis at
once, and other engineers ran tests on it too. Absolute numbers are therefore pessimistic and noisy;
the daemon/bare ratios are measured side by side (interleaved, alternating order) so both paths see
the same conditions.

## Method

- Each case runs the daemon's call and the bare datastore call alternately (order flipped every
  repetition), discards ${results.config.warmup} warm-up repetition(s), and times each call from
  sending the request to having read the whole body (Node \`fetch\`, keep-alive, loopback).
- Scales: Operate backups in the repository (6 snapshots each), all with the exact names and
  metadata the daemon writes. Backup 1 of each run is made by the daemon itself and is the template;
  the rest are added by the population step (see the table at the end).
- Ratios are daemon median / bare median. p99 with fewer than 100 samples is the maximum.
- Pass-through: the same bare call through a do-nothing \`node:http\` proxy in its own process
  (bench/pass-through.mjs: keep-alive, streamed, no parsing). List and get run the daemon, the bare
  call and the pass-through interleaved (order rotated every repetition); the per-request overhead
  is daemon median / pass-through median: what the daemon adds beyond one extra HTTP hop. Beside
  it, each process's CPU time per call (Linux \`/proc/<pid>/task/*/schedstat\` over the measured
  repetitions / repetitions): the work the daemon and the proxy do per request, without waiting.
- The daemon lists with \`verbose=false\` (names, uuids, states) and takes finished snapshots'
  details from its Redis cache; the warm-up repetition fills that cache. The memory probe's fresh
  daemon has a fresh, empty cache (its first listing reads every detail). It runs twice per scale:
  under the memory limit of the shipped Kubernetes manifest (a Linux memory cgroup; Node sizes V8's
  heap from it, as in the pod), which the target applies to, and without a limit (V8 then sizes its
  young generation from the whole machine's memory: 128 MiB on 24 GiB). Without permission to create
  a cgroup, only the unlimited probe runs and the target says so.
- Slow repository: a second sandbox with the blob-store cost model (\`SANDBOX_REPOSITORY_READ_MS\`)
  and a daemon of its own; the list with the details cache warm and cold (emptied before each call)
  against the bare verbose GET, and one backup's get against the bare pattern GET.
- Create/end-to-end: each run creates a backup through the daemon, waits (polling \`GET\` every
  ${results.config.pollMs} ms) until it reports COMPLETED, sums the parts' own \`duration_in_millis\`,
  then deletes it. The sandbox's snapshots take \`${results.config.sandboxSnapshot}\`.
- Daemon configuration: defaults (e.g. \`BACKUP_POLL_MAX_INTERVAL_MS\` 500), a unique \`QUEUE_PREFIX\`.

## Targets

${targetsTable(results)}

## Results

${resultTables(results)}

## Interpretation

${keepBetweenMarkers(previous, BEGIN, END, DEFAULT_INTERPRETATION)}
`;
}

/** Writes BENCHMARKS.md formatted as `npm run lint` (prettier --check) expects it. */
export async function writeBenchmarks(path, results) {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  let text = benchmarksMarkdown(results, previous);
  try {
    const prettier = await import('prettier');
    text = await prettier.format(text, { ...(await prettier.resolveConfig(path)), filepath: path });
  } catch {
    // prettier missing: the file is still valid Markdown, only not prettier-formatted
  }
  writeFileSync(path, text);
}
