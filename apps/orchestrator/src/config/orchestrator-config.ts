import { COMPONENTS, type ComponentName, PART_COUNT, validateVersion } from '@app/snapshot-planning';
import { type CoordinationConfig, readCoordinationConfig } from '../coordinated/coordination-config.js';
import { credentialPairProblems } from '../auth/credential-pair-problems.js';

export interface ComponentSettings {
  name: ComponentName;
  enabled: boolean;
  port: number;
  /** Snapshot repository; undefined when not configured (the API then answers as contract §4 says). */
  repository?: string;
  /** Version written into snapshot names. */
  version: string;
  indexPrefix: string;
  partCount: number;
}

export interface OrchestratorConfig {
  host: string;
  orchestratorPort: number;
  redisUrl: string;
  queuePrefix: string;
  components: Record<ComponentName, ComponentSettings>;
  /** Optimize's finished-state word: COMPLETE (seed) or COMPLETED (what Camunda's Optimize emits). */
  optimizeCompleteState: 'COMPLETE' | 'COMPLETED';
  /** Longest a single part may stay IN_PROGRESS before the backup fails (BACKUP_SNAPSHOT_TIMEOUT_MS). */
  snapshotTimeoutMs: number;
  /** Longest poll interval while following a running snapshot (BACKUP_POLL_MAX_INTERVAL_MS). */
  pollMaxIntervalMs: number;
  /** Longest the datastore may be unreachable while a backup runs before it fails (BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS). */
  datastoreOutageToleranceMs: number;
  /** How long shutdown waits for running backup steps (SHUTDOWN_GRACE_MS). */
  shutdownGraceMs: number;
  /** A running job's lock; a daemon killed mid-job frees it after this long (BACKUP_JOB_LOCK_MS). */
  jobLockMs: number;
  /** How often workers look for jobs whose daemon died (BACKUP_STALLED_CHECK_MS). */
  stalledCheckMs: number;
  /** Without Redis, a backup missing parts whose last part ended this recently reads IN_PROGRESS (BACKUP_INCOMPLETE_GRACE_MS). */
  incompleteGraceMs: number;
  /** Operations surface: JSON log level, bound of each health check, dashboard and management-API credentials. */
  logLevel: LogLevel;
  healthCheckTimeoutMs: number;
  dashboard: { username?: string; password?: string; allowUnauthenticated: boolean };
  managementAuth: { token?: string; username?: string; password?: string };
  /** Coordinated backups, restores, Zeebe, schedules, retention (coordinated/coordination-config.ts). */
  coordination: CoordinationConfig;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Env = Record<string, string | undefined>;

const DEFAULT_PORTS: Record<ComponentName, number> = { optimize: 8092, operate: 9600, tasklist: 9620 };

/** Reads and validates the configuration; every problem names its variable. */
export function readOrchestratorConfig(env: Env): { config?: OrchestratorConfig; problems: string[] } {
  const problems: string[] = [];
  const reader = new EnvReader(env, problems);

  const camundaVersion = reader.version('CAMUNDA_VERSION', '8.8.0');
  const sharedRepository = reader.optionalName('BACKUP_REPOSITORY_NAME');
  const components = {} as Record<ComponentName, ComponentSettings>;
  for (const name of COMPONENTS) {
    const upper = name.toUpperCase();
    components[name] = {
      name,
      enabled: reader.boolean(`${upper}_ENABLED`, true),
      port: reader.port(`${upper}_PORT`, DEFAULT_PORTS[name]),
      repository: reader.optionalName(`${upper}_BACKUP_REPOSITORY_NAME`) ?? sharedRepository,
      version: reader.version(`${upper}_VERSION`, camundaVersion),
      indexPrefix: reader.indexPrefix(`${upper}_INDEX_PREFIX`, name),
      partCount: PART_COUNT[name],
    };
  }

  const config: OrchestratorConfig = {
    host: reader.string('HOST', '0.0.0.0'),
    orchestratorPort: reader.port('ORCHESTRATOR_PORT', 9700),
    redisUrl: reader.redisUrl('REDIS_URL', 'redis://127.0.0.1:6379'),
    queuePrefix: reader.queuePrefix('QUEUE_PREFIX', 'camunda-backup'),
    components,
    optimizeCompleteState: reader.oneOf('OPTIMIZE_COMPLETE_STATE', ['COMPLETE', 'COMPLETED'], 'COMPLETE'),
    snapshotTimeoutMs: reader.positiveInteger('BACKUP_SNAPSHOT_TIMEOUT_MS', 6 * 60 * 60 * 1000),
    pollMaxIntervalMs: reader.positiveInteger('BACKUP_POLL_MAX_INTERVAL_MS', 500),
    datastoreOutageToleranceMs: reader.positiveInteger('BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS', 5 * 60 * 1000),
    shutdownGraceMs: reader.positiveInteger('SHUTDOWN_GRACE_MS', 20_000),
    coordination: readCoordinationConfig(env, problems, sharedRepository),
    jobLockMs: reader.positiveInteger('BACKUP_JOB_LOCK_MS', 30_000),
    stalledCheckMs: reader.positiveInteger('BACKUP_STALLED_CHECK_MS', 30_000),
    incompleteGraceMs: reader.positiveInteger('BACKUP_INCOMPLETE_GRACE_MS', 5 * 60 * 1000),
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    healthCheckTimeoutMs: reader.positiveInteger('HEALTH_CHECK_TIMEOUT_MS', 2000),
    dashboard: {
      username: reader.optionalString('DASHBOARD_USERNAME'),
      password: reader.optionalString('DASHBOARD_PASSWORD'),
      allowUnauthenticated: reader.boolean('DASHBOARD_ALLOW_UNAUTHENTICATED', false),
    },
    managementAuth: {
      token: reader.optionalString('MANAGEMENT_AUTH_TOKEN'),
      username: reader.optionalString('MANAGEMENT_USERNAME'),
      password: reader.optionalString('MANAGEMENT_PASSWORD'),
    },
  };
  problems.push(...credentialPairProblems(config));

  const enabledPorts = [
    config.orchestratorPort,
    ...COMPONENTS.filter((c) => components[c].enabled).map((c) => components[c].port),
  ];
  if (new Set(enabledPorts).size !== enabledPorts.length) {
    problems.push(
      `ORCHESTRATOR_PORT, OPTIMIZE_PORT, OPERATE_PORT, TASKLIST_PORT: enabled listeners need distinct ports, got ${enabledPorts.join(', ')}`,
    );
  }
  return problems.length > 0 ? { problems } : { config, problems };
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  optionalName(name: string): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && /[\s,*"\\/<>|?#]/.test(value)) {
      this.problems.push(`${name}: "${value}" is not a valid snapshot repository name`);
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (value === 'true') return true;
    if (value === 'false') return false;
    this.problems.push(`${name}: must be true or false, got "${value}"`);
    return fallback;
  }

  port(name: string, fallback: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const port = Number(value);
    if (!/^\d+$/.test(value) || port < 0 || port > 65535) {
      this.problems.push(`${name}: must be a TCP port from 0 to 65535, got "${value}"`);
      return fallback;
    }
    return port;
  }

  positiveInteger(name: string, fallback: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      this.problems.push(`${name}: must be a positive whole number of milliseconds, got "${value}"`);
      return fallback;
    }
    return Number(value);
  }

  version(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    const problem = validateVersion(value);
    if (problem) this.problems.push(`${name}: ${problem}`);
    return value;
  }

  indexPrefix(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(value) || value.includes('*')) {
      this.problems.push(`${name}: must be a lower-case index prefix like "${fallback}", got "${value}"`);
    }
    return value;
  }

  redisUrl(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    try {
      const url = new URL(value);
      if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error('protocol');
    } catch {
      this.problems.push(`${name}: must be a redis:// or rediss:// URL`);
    }
    return value;
  }

  queuePrefix(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    if (value.includes(':') || /\s/.test(value)) {
      this.problems.push(`${name}: must not contain ':' or white space, got "${value}"`);
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name}: must be one of ${allowed.join(', ')}, got "${value}"`);
    return fallback;
  }
}
