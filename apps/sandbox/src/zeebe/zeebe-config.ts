import { ConfigError } from '../config.js';

/**
 * Which Zeebe the stand-in imitates: `legacy` is the ≤ 8.7 gateway (`/actuator/backups`); `8.8`,
 * `8.9` and `8.10` are the orchestration cluster's `/actuator/backupRuntime` (facts 8.8+ §4).
 */
export type ZeebeVersion = 'legacy' | '8.8' | '8.9' | '8.10';

export const ZEEBE_VERSIONS: readonly ZeebeVersion[] = ['legacy', '8.8', '8.9', '8.10'];

export interface ZeebeStandInConfig {
  port: number;
  host: string;
  /** Partitions each backup covers; each one finishes after its own delay. */
  partitions: number;
  /** How long one partition's backup takes (partition n takes n × this). */
  partitionBackupMs: number;
  version: ZeebeVersion;
  /** 8.9+: continuous backups / backup scheduler on: backup IDs are generated, never given. */
  continuousBackups: boolean;
}

/** True for the orchestration-cluster generations (8.8 and later). */
export function isRuntimeVersion(version: ZeebeVersion): version is '8.8' | '8.9' | '8.10' {
  return version !== 'legacy';
}

/** True for 8.9 and later (DELETED state, `/state` endpoints, continuous backups). */
export function isAtLeast89(version: ZeebeVersion): boolean {
  return version === '8.9' || version === '8.10';
}

/** The Zeebe stand-in runs only when SANDBOX_ZEEBE_PORT is set; undefined otherwise. */
export function loadZeebeConfig(env: NodeJS.ProcessEnv = process.env): ZeebeStandInConfig | undefined {
  const port = env.SANDBOX_ZEEBE_PORT?.trim();
  if (!port) return undefined;
  const version = parseVersion(env.SANDBOX_ZEEBE_VERSION?.trim() ?? '');
  const continuousBackups = parseBoolean(
    'SANDBOX_ZEEBE_CONTINUOUS_BACKUPS',
    env.SANDBOX_ZEEBE_CONTINUOUS_BACKUPS?.trim() ?? '',
  );
  if (continuousBackups && !isAtLeast89(version)) {
    throw new ConfigError(
      `SANDBOX_ZEEBE_CONTINUOUS_BACKUPS=true needs SANDBOX_ZEEBE_VERSION 8.9 or 8.10 (continuous backups arrived in 8.9), got "${version}"`,
    );
  }
  return {
    port: integer('SANDBOX_ZEEBE_PORT', port, 0, 65535),
    host: env.SANDBOX_HOST?.trim() || '127.0.0.1',
    partitions: integer('SANDBOX_ZEEBE_PARTITIONS', env.SANDBOX_ZEEBE_PARTITIONS?.trim() || '3', 1, 64),
    partitionBackupMs: integer(
      'SANDBOX_ZEEBE_BACKUP_MS',
      env.SANDBOX_ZEEBE_BACKUP_MS?.trim() || '300',
      0,
      600_000,
    ),
    version,
    continuousBackups,
  };
}

/** Empty, `legacy` and `8.7` (or older 8.x) mean the ≤ 8.7 gateway. */
function parseVersion(raw: string): ZeebeVersion {
  if (raw === '' || raw === 'legacy' || /^8\.[0-7]$/.test(raw)) return 'legacy';
  if (raw === '8.8' || raw === '8.9' || raw === '8.10') return raw;
  throw new ConfigError(
    `SANDBOX_ZEEBE_VERSION must be one of legacy, 8.0–8.7 (both mean the ≤ 8.7 gateway), 8.8, 8.9, 8.10; got "${raw}"`,
  );
}

function parseBoolean(name: string, raw: string): boolean {
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(`${name} must be "true" or "false", got "${raw}"`);
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
