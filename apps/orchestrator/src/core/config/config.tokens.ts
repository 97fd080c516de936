/** DI token of the validated OrchestratorConfig. */
export const ORCHESTRATOR_CONFIG = Symbol('ORCHESTRATOR_CONFIG');
/** DI token of the SnapshotDatastore. */
export const SNAPSHOT_DATASTORE = Symbol('SNAPSHOT_DATASTORE');
