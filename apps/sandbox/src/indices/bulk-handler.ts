import type { SandboxContext } from '../context.js';
import { isPlainObject } from '../common/json.js';
import { EsError, illegalArgument, validationFailed } from '../http/errors.js';
import { ok, type Reply } from '../http/reply.js';
import { parseJsonBody, type SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { deleteDoc, writableIndex, writeDoc, type WriteResult } from './documents.js';
import type { IndexState } from './index-store.js';

const BULK_PARAMS = [
  'refresh',
  'routing',
  'timeout',
  'pipeline',
  'require_alias',
  'require_data_stream',
  'wait_for_active_shards',
  '_source',
  '_source_includes',
  '_source_excludes',
  'list_executed_pipelines',
];
const ACTIONS = ['create', 'delete', 'index', 'update'];

/** `POST /_bulk` and `/{index}/_bulk`: ndjson index/create/delete actions with per-item results. */
export function registerBulkRoutes(router: Router, ctx: SandboxContext): void {
  for (const path of ['/_bulk', '/{index}/_bulk'])
    router.add(['POST', 'PUT'], path, BULK_PARAMS, (req) => bulk(ctx, req));
}

interface Action {
  type: string;
  index: string;
  id?: string;
  source?: unknown;
  requireAlias: boolean;
}

function bulk(ctx: SandboxContext, req: SandboxRequest): Reply {
  const started = Date.now();
  const actions = parseActions(req.text(), req.params.index, req.bool('require_alias', false));
  const touched = new Set<IndexState>();
  const items = actions.map((action) => {
    const result = runAction(ctx, action, touched);
    return { [action.type]: { ...result.body, status: result.status } };
  });
  for (const index of touched) ctx.indices.save(index);
  const errors = items.some((item) => 'error' in Object.values(item)[0]);
  return ok({ errors, took: Date.now() - started, items });
}

function runAction(ctx: SandboxContext, action: Action, touched: Set<IndexState>): WriteResult {
  try {
    if (action.type === 'update') {
      throw illegalArgument('the sandbox does not support bulk update actions');
    }
    const index = writableIndex(ctx, action.index, action.requireAlias);
    touched.add(index);
    if (action.type === 'delete') return deleteDoc(index, action.id ?? '');
    // IndexRouting.process, after auto-create: an empty id is an item failure, not a request one
    if (action.id === '') throw illegalArgument('if _id is specified it must not be empty');
    return writeDoc(index, action.id, action.source, action.type === 'create' ? 'create' : 'index');
  } catch (error) {
    if (!(error instanceof EsError)) throw error;
    const body: Record<string, unknown> = { _index: action.index };
    if (action.id !== undefined) body['_id'] = action.id;
    body.error = { type: error.type, reason: error.reason, ...error.fields };
    return { status: error.status, body };
  }
}

function parseActions(
  text: string,
  defaultIndex: string | undefined,
  requireAliasDefault: boolean,
): Action[] {
  if (text.length === 0) throw validationFailed(['no requests added']);
  if (!text.endsWith('\n')) throw illegalArgument('The bulk request must be terminated by a newline [\\n]');
  const lines = text.split('\n');
  const actions: Action[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const line = parseJsonBody(lines[i]);
    const malformed = (expected: string, found: string) =>
      illegalArgument(`Malformed action/metadata line [${i + 1}], expected ${expected} but found [${found}]`);
    // BulkRequestParser reads START_OBJECT, FIELD_NAME (the action), the metadata object, END_OBJECT
    if (!isPlainObject(line)) throw malformed('START_OBJECT', tokenOf(line));
    const entries = Object.entries(line);
    if (entries.length === 0) throw malformed('FIELD_NAME', 'END_OBJECT');
    const [type, meta] = entries[0];
    if (!ACTIONS.includes(type)) {
      throw illegalArgument(
        `Malformed action/metadata line [${i + 1}], expected field [create], [delete], [index] or [update] but found [${type}]`,
      );
    }
    if (!isPlainObject(meta)) throw malformed('START_OBJECT', tokenOf(meta));
    if (entries.length > 1) throw malformed('END_OBJECT', 'FIELD_NAME');
    const index = typeof meta['_index'] === 'string' ? meta['_index'] : defaultIndex;
    if (index === undefined) throw validationFailed(['index is missing']);
    const id = meta['_id'] === undefined || meta['_id'] === null ? undefined : String(meta['_id']);
    const requireAlias =
      typeof meta['require_alias'] === 'boolean' ? meta['require_alias'] : requireAliasDefault;
    if (type === 'delete') {
      if (id === undefined || id === '') throw validationFailed(['id is missing']);
      actions.push({ type, index, id, requireAlias });
      continue;
    }
    i++;
    if (i >= lines.length || lines[i].trim() === '') throw validationFailed(['source is missing']);
    actions.push({ type, index, id, source: parseJsonBody(lines[i]), requireAlias });
  }
  if (actions.length === 0) throw validationFailed(['no requests added']);
  return actions;
}

/** The Jackson token a JSON value starts with, as ES names it in parse errors. */
function tokenOf(value: unknown): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (isPlainObject(value)) return 'START_OBJECT';
  if (typeof value === 'string') return 'VALUE_STRING';
  if (typeof value === 'boolean') return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (value === null) return 'VALUE_NULL';
  return Number.isInteger(Number(value)) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
}
