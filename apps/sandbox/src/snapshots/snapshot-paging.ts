import { simpleMatch } from '../common/glob.js';
import { EsError, illegalArgument, validationFailed } from '../http/errors.js';
import type { SandboxRequest } from '../http/request.js';
import type { SnapshotRecord } from './snapshot-record.js';

export const SORT_KEYS = [
  'start_time',
  'duration',
  'name',
  'index_count',
  'repository',
  'shard_count',
  'failed_shard_count',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface Paging {
  sort: SortKey;
  order: 'asc' | 'desc';
  size: number;
  offset: number;
  after?: { value: string; repository: string; name: string };
  fromSortValue?: string;
  slmPolicies: string[];
}

export interface Listed {
  repository: string;
  record: SnapshotRecord;
}

/** Reads and validates ES's GET-snapshots sort/pagination parameters (GetSnapshotsRequest.validate). */
export function parsePaging(req: SandboxRequest, verbose: boolean): Paging {
  const sort = req.param('sort') ?? 'start_time';
  if (!(SORT_KEYS as readonly string[]).includes(sort)) throw illegalArgument(`unknown sort key [${sort}]`);
  const order = req.param('order') ?? 'asc';
  if (order !== 'asc' && order !== 'desc') throw illegalArgument(`Unknown SortOrder [${order}]`);
  const afterParam = req.param('after');
  const paging: Paging = {
    sort: sort as SortKey,
    order,
    size: req.int('size', -1),
    offset: req.int('offset', 0),
    after: afterParam === undefined ? undefined : decodeAfter(afterParam),
    fromSortValue: req.param('from_sort_value'),
    slmPolicies: (req.param('slm_policy_filter') ?? '').split(',').filter((p) => p),
  };
  const errors: string[] = [];
  if (paging.size === 0 || paging.size < -1) errors.push('size must be -1 or greater than 0');
  if (!verbose) {
    if (paging.sort !== 'start_time') errors.push("can't use non-default sort with verbose=false");
    if (paging.size > 0) errors.push("can't use size limit with verbose=false");
    if (paging.offset > 0) errors.push("can't use offset with verbose=false");
    if (paging.after) errors.push("can't use after with verbose=false");
    if (paging.order !== 'asc') errors.push("can't use non-default sort order with verbose=false");
    if (paging.slmPolicies.length > 0) errors.push("can't use slm policy filter with verbose=false");
    if (paging.fromSortValue !== undefined) errors.push("can't use from_sort_value with verbose=false");
  } else if (paging.after && paging.fromSortValue !== undefined) {
    errors.push("can't use after and from_sort_value simultaneously");
  }
  if (paging.after && paging.offset > 0) errors.push("can't use after and offset simultaneously");
  if (errors.length > 0) throw validationFailed(errors);
  return paging;
}

function decodeAfter(value: string): Paging['after'] {
  const parts = Buffer.from(value, 'base64url').toString('utf8').split(',');
  if (parts.length !== 3) throw illegalArgument(`invalid ?after parameter [${value}]`);
  return { value: parts[0], repository: parts[1], name: parts[2] };
}

export function encodeAfter(item: Listed, sort: SortKey): string {
  return Buffer.from(`${sortValue(item, sort)},${item.repository},${item.record.name}`)
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

function sortValue(item: Listed, sort: SortKey): string | number {
  const r = item.record;
  switch (sort) {
    case 'start_time':
      return r.startTime;
    case 'duration':
      return Math.max(0, r.endTime - r.startTime);
    case 'name':
      return r.name;
    case 'index_count':
      return r.indices.length;
    case 'repository':
      return item.repository;
    case 'shard_count':
      return r.totalShards;
    case 'failed_shard_count':
      return r.totalShards - r.successfulShards;
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareTuple(a: [string | number, string, string], b: [string | number, string, string]): number {
  return compareValues(a[0], b[0]) || compareValues(a[1], b[1]) || compareValues(a[2], b[2]);
}

function tupleOf(item: Listed, sort: SortKey): [string | number, string, string] {
  return [sortValue(item, sort), item.record.name, item.repository];
}

/** Filters, sorts and pages; returns the page with ES's `total`, `remaining` and `next`. */
export function paginate(
  items: Listed[],
  paging: Paging,
): { page: Listed[]; total: number; remaining: number; next?: string } {
  const direction = paging.order === 'asc' ? 1 : -1;
  let list = items.filter((item) => matchesPolicy(item.record, paging.slmPolicies));
  if (paging.fromSortValue !== undefined) {
    const from = numericSort(paging.sort) ? Number(paging.fromSortValue) : paging.fromSortValue;
    if (numericSort(paging.sort) && Number.isNaN(from)) {
      throw new EsError(400, 'number_format_exception', `For input string: "${paging.fromSortValue}"`);
    }
    list = list.filter((item) => compareValues(sortValue(item, paging.sort), from) * direction >= 0);
  }
  const total = list.length;
  list = [...list].sort((a, b) => compareTuple(tupleOf(a, paging.sort), tupleOf(b, paging.sort)) * direction);
  if (paging.after) {
    const after = paging.after;
    const cursor: [string | number, string, string] = [
      numericSort(paging.sort) ? Number(after.value) : after.value,
      after.name,
      after.repository,
    ];
    list = list.filter((item) => compareTuple(tupleOf(item, paging.sort), cursor) * direction > 0);
  }
  const afterOffset = list.slice(paging.offset);
  const page = paging.size > 0 ? afterOffset.slice(0, paging.size) : afterOffset;
  const remaining = afterOffset.length - page.length;
  const next = remaining > 0 && page.length > 0 ? encodeAfter(page[page.length - 1], paging.sort) : undefined;
  return { page, total, remaining, next };
}

function numericSort(sort: SortKey): boolean {
  return sort !== 'name' && sort !== 'repository';
}

function matchesPolicy(record: SnapshotRecord, policies: string[]): boolean {
  if (policies.length === 0) return true;
  const policy = record.metadata?.policy;
  if (typeof policy !== 'string') return policies.includes('_none');
  return policies.some((p) => p !== '_none' && simpleMatch(p, policy));
}
