import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import { isPlainObject } from '../common/json.js';
import { EsError, illegalArgument, validationFailed } from '../http/errors.js';
import { resolveDateMath } from '../snapshots/date-math.js';
import { createIndexNamed } from './index-handlers.js';
import { type IndexState, replicaCount } from './index-store.js';
import { requireActivePrimaryForWrite } from './shard-availability.js';

export type OpType = 'index' | 'create';

export interface WriteResult {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The open index a write to `name` goes to: the index itself (created on first use like
 * Elasticsearch's auto-create) or an alias's write index. With `require_alias` the name must be an
 * alias (TransportBulkAction: item 404, nothing auto-created).
 */
export function writableIndex(ctx: SandboxContext, expression: string, requireAlias = false): IndexState {
  const name = resolveDateMath(expression);
  const behindAlias = ctx.indices.get(name) ? [] : ctx.indices.all().filter((i) => name in i.aliases);
  if (behindAlias.length > 0) return usable(ctx, writeIndexOf(name, behindAlias));
  if (requireAlias) {
    throw new EsError(
      404,
      'index_not_found_exception',
      `no such index [${name}] and [require_alias] request flag is [true] and [${name}] is not an alias`,
      { index_uuid: '_na_', index: name },
    );
  }
  return usable(ctx, ctx.indices.get(name) ?? createIndexNamed(ctx, name));
}

/** IndexAbstraction.Alias#getWriteIndex: the one `is_write_index: true`, or the only index unless it opted out. */
function writeIndexOf(alias: string, indices: IndexState[]): IndexState {
  const explicit = indices.filter((i) => i.aliases[alias]?.is_write_index === true);
  if (explicit.length === 1) return explicit[0];
  if (indices.length === 1 && indices[0].aliases[alias]?.is_write_index !== false) return indices[0];
  throw illegalArgument(
    `no write index is defined for alias [${alias}]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index`,
  );
}

function usable(ctx: SandboxContext, index: IndexState): IndexState {
  const open = ctx.indices.requireOpen(index.name);
  requireActivePrimaryForWrite(open);
  return open;
}

function shardsInfo(index: IndexState): Record<string, number> {
  return { total: 1 + replicaCount(index), successful: 1, failed: 0 };
}

/** Indexes one document (without saving the index file: callers save once per request). */
export function writeDoc(
  index: IndexState,
  id: string | undefined,
  source: unknown,
  opType: OpType,
): WriteResult {
  if (source === undefined) throw validationFailed(['source is missing']);
  if (!isPlainObject(source)) {
    throw new EsError(400, 'mapper_parsing_exception', 'failed to parse, document is empty or not an object');
  }
  const docId = id ?? randomBytes(15).toString('base64url');
  const existing = index.docs.get(docId);
  if (existing && opType === 'create') {
    throw new EsError(
      409,
      'version_conflict_engine_exception',
      `[${docId}]: version conflict, document already exists (current version [${existing.version}])`,
      { index_uuid: index.uuid, shard: '0', index: index.name },
    );
  }
  const version = (existing?.version ?? 0) + 1;
  const seqNo = index.nextSeqNo++;
  index.docs.set(docId, { source, version, seqNo });
  return {
    status: existing ? 200 : 201,
    body: {
      _index: index.name,
      _id: docId,
      _version: version,
      result: existing ? 'updated' : 'created',
      _shards: shardsInfo(index),
      _seq_no: seqNo,
      _primary_term: 1,
    },
  };
}

export function deleteDoc(index: IndexState, id: string): WriteResult {
  const existing = index.docs.get(id);
  const seqNo = index.nextSeqNo++;
  index.docs.delete(id);
  return {
    status: existing ? 200 : 404,
    body: {
      _index: index.name,
      _id: id,
      _version: (existing?.version ?? 0) + 1,
      result: existing ? 'deleted' : 'not_found',
      _shards: shardsInfo(index),
      _seq_no: seqNo,
      _primary_term: 1,
    },
  };
}
