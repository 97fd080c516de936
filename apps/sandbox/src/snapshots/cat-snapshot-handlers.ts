import type { SandboxContext } from '../context.js';
import { humanDuration } from '../common/dates.js';
import { type CatColumn, type CatRow, renderCatTable } from '../http/cat-table.js';
import type { Reply } from '../http/reply.js';
import type { SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { resolveRepositoryNames } from '../repositories/repository-names.js';
import { snapshotsOf } from './snapshot-handlers.js';
import { allSnapshots } from './snapshot-selection.js';
import type { SnapshotRecord } from './snapshot-record.js';

const CAT_PARAMS = ['format', 'h', 's', 'v', 'help', 'time', 'local', 'master_timeout', 'ignore_unavailable'];

/** RestSnapshotAction's columns (`reason` is hidden unless asked for). */
const SNAPSHOT_COLUMNS: CatColumn[] = [
  { name: 'id', aliases: ['id', 'snapshot'], description: 'unique snapshot' },
  { name: 'repository', aliases: ['re', 'repo'], description: 'repository name' },
  { name: 'status', aliases: ['s', 'status'], description: 'snapshot name', rightAligned: true },
  {
    name: 'start_epoch',
    aliases: ['ste', 'startEpoch'],
    description: 'start time in seconds since 1970-01-01 00:00:00',
  },
  { name: 'start_time', aliases: ['sti', 'startTime'], description: 'start time in HH:MM:SS' },
  {
    name: 'end_epoch',
    aliases: ['ete', 'endEpoch'],
    description: 'end time in seconds since 1970-01-01 00:00:00',
  },
  { name: 'end_time', aliases: ['eti', 'endTime'], description: 'end time in HH:MM:SS' },
  { name: 'duration', aliases: ['dur', 'duration'], description: 'duration', rightAligned: true },
  { name: 'indices', aliases: ['i', 'indices'], description: 'number of indices', rightAligned: true },
  {
    name: 'successful_shards',
    aliases: ['ss', 'successful_shards'],
    description: 'number of successful shards',
    rightAligned: true,
  },
  {
    name: 'failed_shards',
    aliases: ['fs', 'failed_shards'],
    description: 'number of failed shards',
    rightAligned: true,
  },
  {
    name: 'total_shards',
    aliases: ['ts', 'total_shards'],
    description: 'number of total shards',
    rightAligned: true,
  },
  { name: 'reason', aliases: ['r', 'reason'], description: 'reason for failures', shownByDefault: false },
];

const REPOSITORY_COLUMNS: CatColumn[] = [
  { name: 'id', aliases: ['id', 'repoId'], description: 'unique repository id' },
  { name: 'type', aliases: ['t', 'type'], description: 'repository type' },
];

/** `GET /_cat/snapshots[/{repository}]` and `GET /_cat/repositories`. */
export function registerCatSnapshotRoutes(router: Router, ctx: SandboxContext): void {
  router.add('GET', '/_cat/snapshots', CAT_PARAMS, (req) => catSnapshots(ctx, req, '_all'));
  router.add('GET', '/_cat/snapshots/{repository}', CAT_PARAMS, (req) =>
    catSnapshots(ctx, req, req.params.repository),
  );
  router.add('GET', '/_cat/repositories', CAT_PARAMS, (req) =>
    renderCatTable(
      req,
      REPOSITORY_COLUMNS,
      ctx.repositories
        .all()
        .map((r) => ({ id: r.name, type: r.type }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    ),
  );
}

async function catSnapshots(ctx: SandboxContext, req: SandboxRequest, pattern: string): Promise<Reply> {
  const names = resolveRepositoryNames(
    pattern,
    ctx.repositories.all().map((r) => r.name),
    true,
  );
  const rows: CatRow[] = [];
  let completed = 0;
  for (const name of names) {
    const repository = ctx.repositories.require(name);
    const records = allSnapshots(snapshotsOf(ctx, repository)).toSorted(
      (a, b) => a.startTime - b.startTime || (a.name < b.name ? -1 : 1),
    );
    completed += records.filter((r) => r.state !== 'IN_PROGRESS').length;
    rows.push(...records.map((r) => snapshotRow(repository.name, r)));
  }
  // The cat API is a verbose GET snapshots: one SnapshotInfo read per completed snapshot.
  await ctx.blobReads.read(completed);
  return renderCatTable(req, SNAPSHOT_COLUMNS, rows);
}

function hms(millis: number): string {
  return new Date(millis).toISOString().slice(11, 19);
}

function snapshotRow(repository: string, record: SnapshotRecord): CatRow {
  const running = record.state === 'IN_PROGRESS';
  const end = running ? 0 : record.endTime;
  return {
    id: record.name,
    repository,
    status: record.state,
    start_epoch: String(Math.floor(record.startTime / 1000)),
    start_time: hms(record.startTime),
    end_epoch: String(Math.floor(end / 1000)),
    end_time: hms(end),
    duration: humanDuration((running ? Date.now() : record.endTime) - record.startTime),
    indices: String(record.indices.length),
    successful_shards: String(record.successfulShards),
    failed_shards: String(record.totalShards - record.successfulShards),
    total_shards: String(record.totalShards),
    reason: record.reason ?? '',
  };
}
