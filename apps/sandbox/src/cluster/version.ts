import type { Flavor } from '../config.js';

/** The version the sandbox reports, per flavour. */
export interface VersionInfo {
  number: string;
  /** What SnapshotInfo's `version_id` says. */
  snapshotVersionId: number;
  lucene: string;
}

export const ES_VERSION: VersionInfo = { number: '8.19.3', snapshotVersionId: 8190399, lucene: '9.12.2' };
/** OpenSearch ids are ES-style ids XOR 0x08000000 (2.19.1 → 2190199 ^ 134217728). */
export const OS_VERSION: VersionInfo = {
  number: '2.19.1',
  snapshotVersionId: 2190199 ^ 0x08000000,
  lucene: '9.12.1',
};

export function versionOf(flavor: Flavor): VersionInfo {
  return flavor === 'elasticsearch' ? ES_VERSION : OS_VERSION;
}

export const CLUSTER_NAME = 'sandbox';
export const NODE_NAME = 'sandbox-node-0';
