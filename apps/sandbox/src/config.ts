import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

export type Flavor = 'elasticsearch' | 'opensearch';

export interface SandboxConfig {
  port: number;
  host: string;
  flavor: Flavor;
  dataDir: string;
  repoRoots: string[];
  snapshotMsPerDoc: number;
  snapshotMinMs: number;
  maxConcurrentSnapshotOperations: number;
  destructiveRequiresName: boolean;
  /** Cost of one detailed blob-store read (SnapshotInfo, shard status, repository index). */
  repositoryReadMs: number;
  /** ES `node.processors`; sizes the snapshot_meta pool. */
  allocatedProcessors: number;
  /** Restore duration = min + docs × this (real wall time) when the restore does not wait. */
  restoreMsPerDoc: number;
  restoreMinMs: number;
}

export class ConfigError extends Error {}

/** Reads the sandbox's environment; any invalid value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): SandboxConfig {
  const flavor = (env.SANDBOX_FLAVOR ?? 'elasticsearch').trim();
  if (flavor !== 'elasticsearch' && flavor !== 'opensearch') {
    throw new ConfigError(`SANDBOX_FLAVOR must be "elasticsearch" or "opensearch", got "${flavor}"`);
  }
  const dataDir = resolve(cwd, nonEmpty(env, 'SANDBOX_DATA_DIR') ?? '.sandbox-data');
  const repoRoots = (nonEmpty(env, 'SANDBOX_PATH_REPO') ?? join(dataDir, 'repositories'))
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => resolve(cwd, p));
  if (repoRoots.length === 0) throw new ConfigError('SANDBOX_PATH_REPO must name at least one folder');
  const host = nonEmpty(env, 'SANDBOX_HOST') ?? '127.0.0.1';
  const snapshotMsPerDoc = number(env, 'SANDBOX_SNAPSHOT_MS_PER_DOC', 2);
  const snapshotMinMs = number(env, 'SANDBOX_SNAPSHOT_MIN_MS', 300);
  return {
    port: integer(env, 'SANDBOX_PORT', 9200, 0, 65535),
    host,
    flavor,
    dataDir,
    repoRoots,
    snapshotMsPerDoc,
    snapshotMinMs,
    maxConcurrentSnapshotOperations: integer(env, 'SANDBOX_MAX_CONCURRENT_SNAPSHOT_OPERATIONS', 1000, 1),
    destructiveRequiresName: boolean(env, 'SANDBOX_DESTRUCTIVE_REQUIRES_NAME', flavor === 'elasticsearch'),
    repositoryReadMs: number(env, 'SANDBOX_REPOSITORY_READ_MS', 0),
    allocatedProcessors: integer(env, 'SANDBOX_ALLOCATED_PROCESSORS', availableParallelism(), 1, 4096),
    restoreMsPerDoc: number(env, 'SANDBOX_RESTORE_MS_PER_DOC', snapshotMsPerDoc),
    restoreMinMs: number(env, 'SANDBOX_RESTORE_MIN_MS', snapshotMinMs),
  };
}

function nonEmpty(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max = 2 ** 31 - 1,
): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(value)) {
    throw new ConfigError(`${name} must be a non-negative number, got "${raw}"`);
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false')
    throw new ConfigError(`${name} must be "true" or "false", got "${raw}"`);
  return raw === 'true';
}
