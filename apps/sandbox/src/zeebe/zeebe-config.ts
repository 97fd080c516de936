import { ConfigError } from '../config.js';

export interface ZeebeStandInConfig {
  port: number;
  host: string;
  /** Partitions each backup covers; each one finishes after its own delay. */
  partitions: number;
  /** How long one partition's backup takes (partition n takes n × this). */
  partitionBackupMs: number;
}

/** The Zeebe stand-in runs only when SANDBOX_ZEEBE_PORT is set; undefined otherwise. */
export function loadZeebeConfig(env: NodeJS.ProcessEnv = process.env): ZeebeStandInConfig | undefined {
  const port = env.SANDBOX_ZEEBE_PORT?.trim();
  if (!port) return undefined;
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
  };
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
