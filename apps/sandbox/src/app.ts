import type { Server } from 'node:http';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from './common/atomic-file.js';
import { newUuid } from './common/ids.js';
import type { SandboxConfig } from './config.js';
import type { SandboxContext } from './context.js';
import { registerCapabilitiesRoute } from './cluster/capabilities-handler.js';
import { registerClusterRoutes } from './cluster/cluster-handlers.js';
import { FaultStore } from './faults/fault-store.js';
import { RequestLog } from './faults/request-log.js';
import { registerSandboxRoutes } from './faults/sandbox-handlers.js';
import { Router } from './http/router.js';
import { createSandboxServer } from './http/server.js';
import { registerBulkRoutes } from './indices/bulk-handler.js';
import { registerCatRoutes } from './indices/cat-handlers.js';
import { registerDocumentRoutes } from './indices/document-handlers.js';
import { registerIndexRoutes } from './indices/index-handlers.js';
import { registerRecoveryRoutes } from './indices/recovery-handlers.js';
import { registerIndexMetadataRoutes } from './indices/index-metadata-handlers.js';
import { IndexStore } from './indices/index-store.js';
import { registerIndexTemplateRoutes } from './indices/index-template-handlers.js';
import { IndexTemplateStore } from './indices/index-templates.js';
import { BlobStoreReads, snapshotMetaPoolSize } from './repositories/blob-store-reads.js';
import { registerRepositoryRoutes } from './repositories/repository-handlers.js';
import { RepositoryStore } from './repositories/repository-store.js';
import { registerCatSnapshotRoutes } from './snapshots/cat-snapshot-handlers.js';
import { registerRestoreRoutes } from './snapshots/restore-handler.js';
import { RestoreTracker } from './snapshots/restore-tracker.js';
import { SnapshotEngine } from './snapshots/snapshot-engine.js';
import { registerSnapshotRoutes } from './snapshots/snapshot-handlers.js';
import { registerStatusRoutes } from './snapshots/status-handlers.js';

/**
 * Wires stores, engine and routes into an HTTP server; state is loaded from the data dir.
 * `requestLog` is shared with the Zeebe stand-in when it runs (one log, one call order).
 */
export function createSandbox(config: SandboxConfig, requestLog = new RequestLog()): Server {
  const indices = new IndexStore(config.dataDir);
  const indexTemplates = new IndexTemplateStore(config.dataDir);
  const repositories = new RepositoryStore(config.dataDir, config.repoRoots);
  const faults = new FaultStore();
  const snapshots = new SnapshotEngine(config, indices, repositories, faults);
  const ctx: SandboxContext = {
    config,
    indices,
    indexTemplates,
    repositories,
    snapshots,
    faults,
    requestLog,
    blobReads: new BlobStoreReads(config.repositoryReadMs, snapshotMetaPoolSize(config.allocatedProcessors)),
    restores: new RestoreTracker(config, indices),
  };

  const clusterFile = join(config.dataDir, 'cluster.json');
  let clusterUuid = readJsonFile<{ uuid: string }>(clusterFile)?.uuid ?? newUuid();
  writeJsonAtomic(clusterFile, { uuid: clusterUuid });
  indices.load();
  indexTemplates.load();
  repositories.load();
  snapshots.load();

  const reset = () => {
    snapshots.reset();
    ctx.restores.reset();
    indices.reset();
    indexTemplates.reset();
    repositories.reset();
    faults.clear();
    ctx.requestLog.clear();
    clusterUuid = newUuid();
    writeJsonAtomic(clusterFile, { uuid: clusterUuid });
  };

  const api = new Router();
  registerClusterRoutes(api, ctx, () => clusterUuid);
  registerCatRoutes(api, ctx);
  registerIndexRoutes(api, ctx);
  registerIndexTemplateRoutes(api, ctx);
  registerDocumentRoutes(api, ctx);
  registerBulkRoutes(api, ctx);
  registerRepositoryRoutes(api, ctx);
  registerSnapshotRoutes(api, ctx);
  registerStatusRoutes(api, ctx);
  registerRestoreRoutes(api, ctx);
  registerRecoveryRoutes(api, ctx);
  registerIndexMetadataRoutes(api, ctx);
  registerCatSnapshotRoutes(api, ctx);
  registerCapabilitiesRoute(api, api, ctx);
  const sandboxApi = new Router();
  registerSandboxRoutes(sandboxApi, ctx, reset);

  return createSandboxServer({ flavor: config.flavor, api, sandboxApi, faults, requestLog: ctx.requestLog });
}
