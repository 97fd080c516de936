import { DatastoreError } from './datastore-error.js';
import type { RestoreSnapshotRequest } from './snapshot-datastore.js';

export interface RestoreSnapshotBody {
  indices?: string[];
  include_global_state?: boolean;
}

/** The restore body; an explicitly empty index list is refused (the datastore would restore everything). */
export function restoreSnapshotBody(request: RestoreSnapshotRequest): RestoreSnapshotBody {
  if (request.indices && request.indices.length === 0) {
    throw new DatastoreError(
      'bad_request',
      `restore snapshot [${request.repository}:${request.snapshot}] refused: the index list is empty ` +
        '(leave it out to restore every index of the snapshot)',
    );
  }
  return {
    ...(request.indices ? { indices: [...request.indices] } : {}),
    ...(request.includeGlobalState === undefined ? {} : { include_global_state: request.includeGlobalState }),
  };
}
