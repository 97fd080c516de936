import type { IndexSummary } from './snapshot-datastore.js';

/** One row of `GET _cat/indices?format=json` (values are strings; `docs.count` is null when closed). */
export function toIndexSummary(row: unknown): IndexSummary {
  const record = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>;
  const docs = record['docs.count'];
  const docsCount = docs === null || docs === undefined || docs === '' ? undefined : Number(docs);
  return { name: String(record.index), docsCount: Number.isFinite(docsCount) ? docsCount : undefined };
}

export function byName(a: IndexSummary, b: IndexSummary): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
