import type { SandboxConfig } from './config.js';
import type { FaultStore } from './faults/fault-store.js';
import type { RequestLog } from './faults/request-log.js';
import type { IndexStore } from './indices/index-store.js';
import type { IndexTemplateStore } from './indices/index-templates.js';
import type { BlobStoreReads } from './repositories/blob-store-reads.js';
import type { RepositoryStore } from './repositories/repository-store.js';
import type { RestoreTracker } from './snapshots/restore-tracker.js';
import type { SnapshotEngine } from './snapshots/snapshot-engine.js';

/** Everything the handlers share. */
export interface SandboxContext {
  config: SandboxConfig;
  indices: IndexStore;
  indexTemplates: IndexTemplateStore;
  repositories: RepositoryStore;
  snapshots: SnapshotEngine;
  faults: FaultStore;
  requestLog: RequestLog;
  /** The blob-store read cost model (SANDBOX_REPOSITORY_READ_MS). */
  blobReads: BlobStoreReads;
  restores: RestoreTracker;
}
