// Fills the snapshot repository with Operate backups: 6 parts each, with exactly the names and
// metadata the daemon writes, copied from a template backup the daemon itself made.
//
// - `api`: PUT _snapshot/{repo}/{name}?wait_for_completion=true per part, many in flight. Works on any
//   datastore (real clusters too), but the sandbox rewrites its whole repository file on every
//   snapshot completion, so it is quadratic there (measured: 3,000 snapshots took 193 s).
// - `sandbox-folder`: only for a sandbox the bench started itself, while no snapshot runs: appends
//   records to the repository folder's index.json (the sandbox's own format, cloned from the
//   template's records) and hard-links each part's data file, exactly what the sandbox would
//   have written had it taken those snapshots one by one. The sandbox reads the folder on every
//   request, so readers see them at once.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PART_COUNT = 6;

export function partName(template, backupId, partNo) {
  return template.names[partNo - 1].replace(`_${template.backupId}_`, `_${backupId}_`);
}

/** The template: the daemon-made backup's part names and index lists, read through the datastore API. */
export async function readTemplate(ds, repository, backupId) {
  const body = await ds.json('GET', `/_snapshot/${repository}/camunda_operate_${backupId}_*`);
  const parts = body.snapshots
    .filter((s) => s.metadata?.backupId !== undefined)
    .sort((a, b) => a.metadata.partNo - b.metadata.partNo);
  if (parts.length !== PART_COUNT) throw new Error(`template backup ${backupId} has ${parts.length} parts`);
  return {
    backupId,
    names: parts.map((s) => s.snapshot),
    indices: parts.map((s) => s.indices),
    version: parts[0].metadata.version,
    includeGlobalState: parts[0].include_global_state,
  };
}

async function inParallel(items, concurrency, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export async function populateViaApi(ds, repository, template, ids, { concurrency = 16, flavor } = {}) {
  const jobs = ids.flatMap((id) => Array.from({ length: PART_COUNT }, (_, i) => ({ id, partNo: i + 1 })));
  await inParallel(jobs, concurrency, async ({ id, partNo }) => {
    const name = partName(template, id, partNo);
    await ds.json('PUT', `/_snapshot/${repository}/${name}?wait_for_completion=true`, {
      indices: template.indices[partNo - 1],
      include_global_state: template.includeGlobalState,
      ...(flavor === 'elasticsearch' ? { feature_states: ['none'] } : {}),
      metadata: { backupId: id, version: template.version, partNo, partCount: PART_COUNT },
    });
  });
}

function readIndexFile(path) {
  // Backup IDs and every other number here stay below 2^53, so plain JSON keeps them exact.
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function populateSandboxFolder(repositoryFolder, template, ids) {
  const indexPath = join(repositoryFolder, 'index.json');
  const data = readIndexFile(indexPath);
  const templates = template.names.map((name) => {
    const record = data.snapshots.find((s) => s.name === name);
    if (!record) throw new Error(`template snapshot ${name} is not in ${indexPath}`);
    return record;
  });
  const taken = new Set(data.snapshots.map((s) => s.name));
  let clock = Math.max(Date.now(), ...data.snapshots.slice(-1).map((s) => s.endTime + 1));
  for (const id of ids) {
    templates.forEach((source, i) => {
      const name = partName(template, id, i + 1);
      if (taken.has(name)) throw new Error(`snapshot ${name} already exists`);
      const uuid = randomBytes(16).toString('base64url');
      const duration = source.endTime - source.startTime;
      data.snapshots.push({
        ...structuredClone(source),
        name,
        uuid,
        metadata: { ...source.metadata, backupId: id },
        startTime: clock,
        endTime: clock + duration,
      });
      clock += duration + 1;
      const sourceData = join(repositoryFolder, 'snapshots', `${source.uuid}.json`);
      if (existsSync(sourceData)) linkSync(sourceData, join(repositoryFolder, 'snapshots', `${uuid}.json`));
    });
  }
  const temp = `${indexPath}.bench-${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(data));
  renameSync(temp, indexPath);
}
