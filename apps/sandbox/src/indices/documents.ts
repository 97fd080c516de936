import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import { isPlainObject } from '../common/json.js';
import { EsError, validationFailed } from '../http/errors.js';
import { createIndexNamed } from './index-handlers.js';
import { type IndexState, replicaCount } from './index-store.js';
import { requireActivePrimaryForWrite } from './shard-availability.js';

export type OpType = 'index' | 'create';

export interface WriteResult {
  status: number;
  body: Record<string, unknown>;
}

/** The open index to write to, created on first use like Elasticsearch's auto-create. */
export function writableIndex(ctx: SandboxContext, name: string): IndexState {
  const index = ctx.indices.get(name) ?? createIndexNamed(ctx, name);
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
