import { DatastoreError } from './datastore-error.js';
import type { CreateSnapshotRequest, DatastoreFlavor } from './snapshot-datastore.js';

export interface CreateSnapshotBody {
  indices: string[];
  include_global_state: boolean;
  feature_states?: string[];
  metadata?: Record<string, unknown>;
  partial?: boolean;
}

/**
 * The create-snapshot body for a flavour. Refuses an empty index list before any request: the
 * datastore would read it as "every index of the cluster".
 */
export function createSnapshotBody(
  request: CreateSnapshotRequest,
  flavor: DatastoreFlavor,
): CreateSnapshotBody {
  if (request.indices.length === 0 || request.indices.some((index) => index.trim() === '')) {
    throw new DatastoreError(
      'bad_request',
      `create snapshot [${request.repository}:${request.snapshot}] refused: the index list is empty ` +
        '(it would snapshot the whole cluster)',
    );
  }
  return {
    indices: [...request.indices],
    include_global_state: request.includeGlobalState,
    ...(flavor === 'elasticsearch' && request.featureStates ? { feature_states: request.featureStates } : {}),
    ...(request.metadata ? { metadata: request.metadata } : {}),
    ...(request.partial === undefined ? {} : { partial: request.partial }),
  };
}
