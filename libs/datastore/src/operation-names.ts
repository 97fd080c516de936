/** How messages name what failed, the same for both flavours. */
export const operationNames = {
  info: 'get datastore info',
  clusterHealth: 'get cluster health',
  listIndices: (patterns: readonly string[]) => `list indices [${patterns.join(',')}]`,
  checkRepository: (repository: string) => `check repository [${repository}]`,
  createSnapshot: (repository: string, snapshot: string) => `create snapshot [${repository}:${snapshot}]`,
  getSnapshots: (repository: string, patterns: readonly string[]) =>
    `get snapshots [${repository}:${patterns.join(',')}]`,
  snapshotStatus: (repository: string, names: readonly string[]) =>
    `get snapshot status [${repository}:${names.join(',')}]`,
  deleteSnapshots: (repository: string, names: readonly string[]) =>
    `delete snapshots [${repository}:${names.join(',')}]`,
  restoreSnapshot: (repository: string, snapshot: string) => `restore snapshot [${repository}:${snapshot}]`,
  getRecovery: (indices: readonly string[]) => `get recovery [${indices.join(',')}]`,
  deleteIndices: (names: readonly string[]) => `delete indices [${names.join(',')}]`,
  countDocuments: (index: string) => `count documents [${index}]`,
} as const;
