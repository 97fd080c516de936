import type { SandboxContext } from '../context.js';
import { humanBytes } from '../common/dates.js';
import { toJson } from '../common/json.js';
import { ok, type Reply } from '../http/reply.js';
import type { SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { resolveRequestIndices } from './index-handlers.js';
import { type IndexState, primariesInactive, replicaCount, shardCount } from './index-store.js';
import { EXPAND_ALL } from './multi-target.js';

const CAT_PARAMS = [
  'format',
  'h',
  's',
  'v',
  'help',
  'bytes',
  'health',
  'pri',
  'time',
  'local',
  'master_timeout',
  'cluster_manager_timeout',
  'include_unloaded_segments',
  'expand_wildcards',
  'ignore_unavailable',
  'allow_no_indices',
];
const DEFAULT_COLUMNS = [
  'health',
  'status',
  'index',
  'uuid',
  'pri',
  'rep',
  'docs.count',
  'docs.deleted',
  'store.size',
  'pri.store.size',
  'dataset.size',
];

/** `GET /_cat/indices[/{index}]`, JSON (`format=json`) or text. */
export function registerCatRoutes(router: Router, ctx: SandboxContext): void {
  router.add('GET', '/_cat/indices', CAT_PARAMS, (req) => catIndices(ctx, req));
  router.add('GET', '/_cat/indices/{index}', CAT_PARAMS, (req) => catIndices(ctx, req));
}

function catIndices(ctx: SandboxContext, req: SandboxRequest): Reply {
  const indices = resolveRequestIndices(ctx, req, EXPAND_ALL);
  const health = req.param('health');
  let rows = indices.map((i) => row(i, req.param('bytes'))).filter((r) => !health || r.health === health);
  const columns = req.param('h')
    ? req
        .param('h')!
        .split(',')
        .map((c) => c.trim())
    : DEFAULT_COLUMNS;
  for (const key of (req.param('s') ?? '')
    .split(',')
    .filter((s) => s)
    .toReversed()) {
    const [column, direction] = key.split(':');
    rows = [...rows].sort((a, b) => compare(a[column], b[column]) * (direction === 'desc' ? -1 : 1));
  }
  const projected = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
  if (req.param('format') === 'json') return ok(projected);
  const table = req.bool('v', false)
    ? [columns, ...projected.map((r) => columns.map((c) => r[c]))]
    : projected.map((r) => columns.map((c) => r[c]));
  const widths = columns.map((_, i) => Math.max(...table.map((cells) => String(cells[i] ?? '').length)));
  const text = table
    .map((cells) =>
      cells
        .map((c, i) => String(c ?? '').padEnd(widths[i]))
        .join(' ')
        .trimEnd(),
    )
    .join('\n');
  return { status: 200, text: text.length > 0 ? `${text}\n` : '' };
}

function row(index: IndexState, bytesUnit: string | undefined): Record<string, string | null> {
  const open = index.state === 'open';
  const size = Buffer.byteLength(toJson([...index.docs.values()].map((d) => d.source)));
  const bytes = (n: number) => (bytesUnit === 'b' ? String(n) : humanBytes(n));
  return {
    health: primariesInactive(index) ? 'red' : replicaCount(index) > 0 ? 'yellow' : 'green',
    status: open ? 'open' : 'close',
    index: index.name,
    uuid: index.uuid,
    pri: String(shardCount(index)),
    rep: String(replicaCount(index)),
    'docs.count': open ? String(index.docs.size) : null,
    'docs.deleted': open ? '0' : null,
    'store.size': open ? bytes(size) : null,
    'pri.store.size': open ? bytes(size) : null,
    'dataset.size': open ? bytes(size) : null,
  };
}

function compare(a: string | null | undefined, b: string | null | undefined): number {
  const [x, y] = [a ?? '', b ?? ''];
  if (/^\d+$/.test(x) && /^\d+$/.test(y)) return Number(x) - Number(y);
  return x.localeCompare(y);
}
