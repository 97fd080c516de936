#!/usr/bin/env node
// `npm run demo`: sandbox (seeded with Camunda-like indices, with its Zeebe stand-in) + daemon, then
// one backup of every component through its own API and one coordinated backup through the
// orchestrator API (Zeebe exporting paused, components, Zeebe records, Zeebe backup, exporting
// resumed), end to end. Prints the results and where everything is; stops everything unless
// --keep-running. Runs under scripts/setup.mjs and scripts/ensure-redis.mjs (which provides REDIS_URL).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedCamundaIndices } from './camunda-indices.mjs';
import { entryFileOf } from './lib/app-processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keepRunning = process.argv.includes('--keep-running');
// `--topology orchestration-cluster`: a Camunda 8.8 installation (web apps + Optimize, Zeebe's backupRuntime).
const topologyArg = process.argv[process.argv.indexOf('--topology') + 1];
const orchestrationCluster = process.argv.includes('--topology') && topologyArg === 'orchestration-cluster';
if (process.argv.includes('--topology') && !['per-app', 'orchestration-cluster'].includes(topologyArg)) {
  console.error('[demo] --topology must be per-app or orchestration-cluster');
  process.exit(2);
}
const demoDir = join(root, '.demo');
const children = [];
// Whatever ends this process, the sandbox and the daemon end with it.
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
});

function log(message) {
  console.log(`[demo] ${message}`);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The contract's default port when free, otherwise any free port (said out loud). */
async function choosePort(name, preferred) {
  if (await portIsFree(preferred)) return preferred;
  for (let port = preferred + 1; port < preferred + 200; port++) {
    if (await portIsFree(port)) {
      log(`port ${preferred} for ${name} is taken: using ${port}`);
      return port;
    }
  }
  throw new Error(`no free port near ${preferred} for ${name}`);
}

function start(name, app, env) {
  const child = spawn(process.execPath, [entryFileOf(app)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (data) => {
    output += data;
    if (keepRunning) process.stdout.write(`[${name}] ${data}`);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  children.push(child);
  return { child, logs: () => output };
}

async function waitForHttp(name, url, process) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (process.child.exitCode !== null) throw new Error(`${name} exited:\n${process.logs()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not answer on ${url}:\n${process.logs()}`);
}

async function stopAll() {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
}

// The exported Zeebe records the coordinated backup snapshots (names as Zeebe's exporter creates them).
const ZEEBE_RECORD_INDICES = ['zeebe-record_process-instance_8.8.0_', 'zeebe-record_job_8.8.0_'];

async function createZeebeRecordIndices(sandboxUrl) {
  for (const index of ZEEBE_RECORD_INDICES) {
    for (const [method, path, body] of [
      ['PUT', `/${index}`, { settings: { number_of_shards: 1, number_of_replicas: 0 } }],
      ['PUT', `/${index}/_doc/1?refresh=true`, { position: 1, valueType: 'PROCESS_INSTANCE' }],
    ]) {
      const answer = await fetch(`${sandboxUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!answer.ok) throw new Error(`${method} ${path} answered ${answer.status}: ${await answer.text()}`);
    }
  }
}

/** POST /api/v1/backups, then GET /api/v1/backups/{id} until every step has run. */
async function coordinatedBackup(orchestratorUrl) {
  const api = `${orchestratorUrl}/api/v1/backups`;
  const created = await fetch(api, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const acceptedText = await created.text();
  log(`POST ${api} {} → ${created.status} ${acceptedText}`);
  if (created.status !== 202) throw new Error(`the coordinated backup was not accepted: ${acceptedText}`);
  const { backupId } = JSON.parse(acceptedText);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const body = await (await fetch(`${api}/${backupId}`)).json();
    if (body.finished === true) return body;
    if (Date.now() > deadline)
      throw new Error(`coordinated backup ${backupId} did not finish: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function main() {
  log('building the sandbox, the daemon and the CLI');
  const nest = join(root, 'node_modules', '.bin', 'nest');
  for (const app of ['sandbox', 'orchestrator', 'cli']) {
    execFileSync(nest, ['build', app], { cwd: root, stdio: 'inherit' });
  }

  rmSync(demoDir, { recursive: true, force: true });
  mkdirSync(join(demoDir, 'repositories'), { recursive: true });
  const ports = {
    sandbox: await choosePort('the sandbox', 9200),
    optimize: await choosePort('the Optimize API', 8092),
    operate: await choosePort('the Operate API', 9600),
    tasklist: await choosePort('the Tasklist API', 9620),
    orchestrator: await choosePort('the orchestrator API', 9700),
    // Zeebe's gateway serves its management API on 9600 too; the stand-in moves aside for Operate's.
    zeebe: await choosePort('the Zeebe stand-in', 9660),
  };

  const sandboxUrl = `http://127.0.0.1:${ports.sandbox}`;
  const sandbox = start('sandbox', 'sandbox', {
    SANDBOX_PORT: String(ports.sandbox),
    SANDBOX_DATA_DIR: join(demoDir, 'sandbox-data'),
    SANDBOX_PATH_REPO: join(demoDir, 'repositories'),
    SANDBOX_ZEEBE_PORT: String(ports.zeebe),
    ...(orchestrationCluster ? { SANDBOX_ZEEBE_VERSION: '8.8' } : {}),
  });
  await waitForHttp('the sandbox', sandboxUrl, sandbox);
  const repository = 'camunda-backups';
  const seeded = await seedCamundaIndices(sandboxUrl, {
    docsPerIndex: 20,
    repository,
    location: repository,
    ...(orchestrationCluster ? { camundaVersion: '8.8.0', archived: true } : {}),
  });
  const indices = Array.isArray(seeded) ? seeded : seeded.indices;
  await createZeebeRecordIndices(sandboxUrl);
  const zeebeUrl = `http://127.0.0.1:${ports.zeebe}`;
  log(
    `sandbox on ${sandboxUrl}: ${indices.length} Camunda-like indices, ${ZEEBE_RECORD_INDICES.length} Zeebe record indices, ` +
      `snapshot repository "${repository}"; Zeebe stand-in on ${zeebeUrl}`,
  );

  const queuePrefix = `camunda-backup-demo-${process.pid}`;
  const daemon = start('daemon', 'orchestrator', {
    HOST: '127.0.0.1',
    DATASTORE_URL: sandboxUrl,
    BACKUP_REPOSITORY_NAME: repository,
    QUEUE_PREFIX: queuePrefix,
    OPTIMIZE_PORT: String(ports.optimize),
    OPERATE_PORT: String(ports.operate),
    TASKLIST_PORT: String(ports.tasklist),
    ORCHESTRATOR_PORT: String(ports.orchestrator),
    ZEEBE_MANAGEMENT_URL: zeebeUrl,
    ...(orchestrationCluster
      ? { CAMUNDA_TOPOLOGY: 'orchestration-cluster', ORCHESTRATION_CLUSTER_PORT: String(ports.operate) }
      : {}),
  });
  await waitForHttp('the daemon', `http://127.0.0.1:${ports.orchestrator}/`, daemon);

  const backupId = Math.floor(Date.now() / 1000);
  const results = [];
  const componentApis = orchestrationCluster
    ? [
        ['optimize', `http://127.0.0.1:${ports.optimize}/actuator/backups`],
        ['webapps', `http://127.0.0.1:${ports.operate}/actuator/backupHistory`],
      ]
    : ['optimize', 'operate', 'tasklist'].map((c) => [c, `http://127.0.0.1:${ports[c]}/actuator/backups`]);
  for (const [component, api] of componentApis) {
    const created = await fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ backupId }),
    });
    log(`POST ${api} {"backupId": ${backupId}} → ${created.status} ${await created.text()}`);
    let body;
    for (;;) {
      body = await (await fetch(`${api}/${backupId}`)).json();
      if (body.state !== 'IN_PROGRESS') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    results.push({ component, body });
    log(`GET ${api}/${backupId} → ${JSON.stringify(body, null, 2)}`);
  }

  const orchestratorUrl = `http://127.0.0.1:${ports.orchestrator}`;
  log('coordinated backup of the whole installation through the orchestrator API');
  const coordinated = await coordinatedBackup(orchestratorUrl);
  log(
    `GET ${orchestratorUrl}/api/v1/backups/${coordinated.backupId} → ${JSON.stringify(coordinated, null, 2)}`,
  );

  console.log('\nResults: one backup per component, through its own API');
  console.log('| component | backup ID | state | parts |');
  console.log('| --- | --- | --- | --- |');
  for (const { component, body } of results) {
    console.log(`| ${component} | ${body.backupId} | ${body.state} | ${body.details.length} |`);
  }
  console.log(`\nResults: coordinated backup ${coordinated.backupId} (steps in order)`);
  console.log('| step | state | reason |');
  console.log('| --- | --- | --- |');
  for (const step of coordinated.steps)
    console.log(`| ${step.step} | ${step.state} | ${step.reason ?? ''} |`);
  console.log(`\n$ camunda-backup backup status ${coordinated.backupId}`);
  const status = spawnSync(
    process.execPath,
    [join(root, 'bin', 'camunda-backup.mjs'), 'backup', 'status', String(coordinated.backupId)],
    { env: { ...process.env, CAMUNDA_BACKUP_URL: orchestratorUrl }, encoding: 'utf8' },
  );
  process.stdout.write(status.stdout + status.stderr);
  console.log(`
Where things are
${componentApis.map(([component, api]) => `  ${`${component} API`.padEnd(18)}${api}`).join('\n')}
  Orchestrator API  http://127.0.0.1:${ports.orchestrator}/api/v1/backups  (CLI: CAMUNDA_BACKUP_URL=http://127.0.0.1:${ports.orchestrator} node bin/camunda-backup.mjs backup list)
  Backup overview   http://127.0.0.1:${ports.orchestrator}/backups
  Queue dashboard   http://127.0.0.1:${ports.orchestrator}/queues
  API docs          http://127.0.0.1:${ports.orchestrator}/api-docs
  Health, metrics   http://127.0.0.1:${ports.orchestrator}/actuator/health, /actuator/prometheus
  Sandbox datastore ${sandboxUrl}  (snapshots in ${join(demoDir, 'repositories', repository)})
  Zeebe stand-in    ${zeebeUrl}/actuator/${orchestrationCluster ? 'backupRuntime' : 'backups'}${orchestrationCluster ? `\n  Zeebe relay       http://127.0.0.1:${ports.operate}/actuator/backupRuntime` : ''}
`);
  const allFinished = results.every(({ body }) => body.state === 'COMPLETE' || body.state === 'COMPLETED');
  if (!allFinished || coordinated.state !== 'COMPLETED' || status.status !== 0) {
    log('not every backup COMPLETED (see above)');
    process.exitCode = 1;
  }

  if (keepRunning) {
    log('running until Ctrl-C (--keep-running)');
    await new Promise((resolve) => {
      process.on('SIGINT', resolve);
      process.on('SIGTERM', resolve);
    });
  }
}

main()
  .catch((error) => {
    console.error(`[demo] failed: ${error.message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    await deleteQueueKeys(`camunda-backup-demo-${process.pid}`);
    log('stopped the daemon and the sandbox, removed the demo queue from Redis');
  });

async function deleteQueueKeys(prefix) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } catch (error) {
    log(`could not clean the demo queue from Redis: ${error.message}`);
  } finally {
    redis.disconnect();
  }
}
