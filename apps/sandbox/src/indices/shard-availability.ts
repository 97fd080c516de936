import { EsError, RawErrorResponse } from '../http/errors.js';
import { type IndexState, primariesInactive } from './index-store.js';

/**
 * What Elasticsearch answers when an index's primaries are not active (a restore still recovering
 * them, or lost): searches and counts fail on every shard, gets find no shard copy, writes find no
 * active primary.
 */
export function requireActivePrimariesForSearch(indices: IndexState[]): void {
  if (!indices.some(primariesInactive)) return;
  // AbstractSearchAsyncAction: every shard failed with NoShardAvailableActionException, which is
  // not listed in failed_shards; the status is 503 and root_cause stays empty.
  throw new RawErrorResponse(503, {
    error: {
      root_cause: [],
      type: 'search_phase_execution_exception',
      reason: 'all shards failed',
      phase: 'query',
      grouped: true,
      failed_shards: [],
    },
    status: 503,
  });
}

export function requireActivePrimaryForGet(index: IndexState, id: string, routing?: string): void {
  if (!primariesInactive(index)) return;
  throw new EsError(
    503,
    'no_shard_available_action_exception',
    `No shard available for [get [${index.name}][${id}]: routing [${routing ?? 'null'}]]`,
  );
}

/** Real Elasticsearch first waits up to the request `timeout` (1m) for the primary; the sandbox does not. */
export function requireActivePrimaryForWrite(index: IndexState, requests = 1): void {
  if (!primariesInactive(index)) return;
  throw new EsError(
    503,
    'unavailable_shards_exception',
    `[${index.name}][0] primary shard is not active Timeout: [1m], request: [BulkShardRequest [[${index.name}][0]] containing [${requests}] requests]`,
    { index_uuid: index.uuid, shard: '0', index: index.name },
  );
}
