import { isIP } from 'node:net';
import type { DatastoreConfig } from '@app/datastore';
import {
  COMPONENTS,
  PART_COUNT,
  SNAPSHOT_COMPONENTS,
  type SnapshotComponent,
  webappsLayoutFor,
} from '@app/snapshot-planning';
import { type Env, EnvReader, redactUrl } from './env-reader.js';

export interface ComponentSettings {
  name: SnapshotComponent;
  enabled: boolean;
  port: number;
  /** Snapshot repository; undefined when not configured (the API then answers as contract §4 says). */
  repository?: string;
  /** Version written into snapshot names. */
  version: string;
  /** Index prefix; '' for web apps without WEBAPPS_INDEX_PREFIX (Camunda 8.8's default). */
  indexPrefix: string;
  /** Parts of every backup; undefined for web apps, whose parts depend on the indices that exist. */
  partCount?: number;
}

/** Which Camunda generation the daemon serves (product contract §6). */
export const TOPOLOGIES = ['per-app', 'orchestration-cluster'] as const;
export type Topology = (typeof TOPOLOGIES)[number];

/** Settings of coordinated backups, restores, Zeebe, schedules and retention (all optional). */
export interface CoordinationConfig {
  /** Zeebe gateway management API (ZEEBE_MANAGEMENT_URL); undefined = Zeebe steps are skipped. */
  zeebeManagementUrl?: string;
  /** Repository of the `camunda_zeebe_records_backup_{id}` snapshot. */
  zeebeRecordsRepository?: string;
  /** Index pattern of the exported Zeebe records (ZEEBE_RECORDS_INDEX_PREFIX + `*`). */
  zeebeRecordsIndexPattern: string;
  zeebeRequestTimeoutMs: number;
  zeebeBackupTimeoutMs: number;
  /** A paused exporting whose daemon stops renewing this lease is resumed by any daemon. */
  zeebePauseLeaseMs: number;
  /** Cron pattern of scheduled coordinated backups (BACKUP_SCHEDULE). */
  schedule?: string;
  retentionCount?: number;
  retentionMaxAgeMs?: number;
}

/** Redis through Sentinel (REDIS_SENTINELS); the data nodes' credentials come from REDIS_URL. */
export interface RedisSentinelConfig {
  sentinels: Array<{ host: string; port: number }>;
  /** The master group name the Sentinels monitor (REDIS_SENTINEL_MASTER). */
  masterName: string;
  /** The Sentinels' own password (REDIS_SENTINEL_PASSWORD). */
  password?: string;
  /** TLS to the Sentinels (REDIS_SENTINEL_TLS); TLS to the data nodes follows REDIS_URL's scheme. */
  tls: boolean;
}

/** Sentinel's conventional port. */
export const DEFAULT_SENTINEL_PORT = 26379;

/** Events a webhook can be told about (NOTIFY_ON). */
export const NOTIFY_EVENTS = ['failure', 'success', 'stale'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

/** Freshness and notifications (contract §8). */
export interface OperationsConfig {
  /** BACKUP_FRESHNESS_MAX_AGE in ms; undefined = freshness is not checked. */
  freshnessMaxAgeMs?: number;
  notify: {
    /** Empty: nothing is notified. */
    webhookUrls: string[];
    on: NotifyEvent[];
    format: 'json' | 'slack';
  };
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface OrchestratorConfig {
  topology: Topology;
  /** Variables of the other topology that were set and are ignored (said once at start-up). */
  ignoredVariables: string[];
  host: string;
  orchestratorPort: number;
  redisUrl: string;
  /** Set when the daemon finds the Redis primary through Sentinel. */
  redisSentinel?: RedisSentinelConfig;
  /**
   * Redis replicas that must have acknowledged a newly accepted backup before the API answers
   * (REDIS_ACCEPT_REPLICAS): replication is asynchronous, so a failover can lose the last writes.
   */
  redisAcceptReplicas: number;
  queuePrefix: string;
  datastore: DatastoreConfig;
  components: Record<SnapshotComponent, ComponentSettings>;
  /** Optimize's finished-state word: COMPLETE (seed) or COMPLETED (what Camunda's Optimize emits). */
  optimizeCompleteState: 'COMPLETE' | 'COMPLETED';
  snapshotTimeoutMs: number;
  restoreTimeoutMs: number;
  pollMaxIntervalMs: number;
  datastoreOutageToleranceMs: number;
  redisOutageToleranceMs: number;
  shutdownGraceMs: number;
  jobLockMs: number;
  stalledCheckMs: number;
  incompleteGraceMs: number;
  logLevel: LogLevel;
  healthCheckTimeoutMs: number;
  dashboard: { username?: string; password?: string; allowUnauthenticated: boolean };
  managementAuth: { token?: string; username?: string; password?: string };
  coordination: CoordinationConfig;
  operations: OperationsConfig;
}

/**
 * Reads and validates the whole configuration once (EnvReader: every variable of
 * configuration-variables.ts, defaults from there). Every problem names its variable; with any
 * problem there is no config and the daemon does not start.
 */
export function readOrchestratorConfig(env: Env): { config?: OrchestratorConfig; problems: string[] } {
  const reader = new EnvReader(env);
  const topology = reader.oneOf('CAMUNDA_TOPOLOGY', TOPOLOGIES);
  const components = {} as Record<SnapshotComponent, ComponentSettings>;
  for (const name of COMPONENTS) {
    const upper = name.toUpperCase();
    components[name] = {
      name,
      // Under the orchestration cluster, Operate and Tasklist are backed up together as web apps.
      enabled: reader.boolean(`${upper}_ENABLED`) && (topology === 'per-app' || name === 'optimize'),
      port: reader.port(`${upper}_PORT`),
      repository: reader.optionalRepositoryName(`${upper}_BACKUP_REPOSITORY_NAME`),
      version: reader.version(`${upper}_VERSION`),
      indexPrefix: reader.indexPrefix(`${upper}_INDEX_PREFIX`),
      partCount: PART_COUNT[name],
    };
  }
  components.webapps = {
    name: 'webapps',
    enabled: topology === 'orchestration-cluster',
    port: reader.port('ORCHESTRATION_CLUSTER_PORT'),
    repository: reader.optionalRepositoryName('WEBAPPS_BACKUP_REPOSITORY_NAME'),
    version: reader.version('CAMUNDA_VERSION'),
    indexPrefix: reader.optionalIndexPrefix('WEBAPPS_INDEX_PREFIX') ?? '',
  };
  const otherTopologyVariables =
    topology === 'per-app'
      ? ['ORCHESTRATION_CLUSTER_PORT', 'WEBAPPS_BACKUP_REPOSITORY_NAME', 'WEBAPPS_INDEX_PREFIX']
      : [
          'OPERATE_PORT',
          'TASKLIST_PORT',
          'OPERATE_ENABLED',
          'TASKLIST_ENABLED',
          'OPERATE_BACKUP_REPOSITORY_NAME',
          'TASKLIST_BACKUP_REPOSITORY_NAME',
          'OPERATE_VERSION',
          'TASKLIST_VERSION',
          'OPERATE_INDEX_PREFIX',
          'TASKLIST_INDEX_PREFIX',
        ];

  const redisSentinel = readRedisSentinelConfig(reader);
  const config: OrchestratorConfig = {
    topology,
    ignoredVariables: otherTopologyVariables.filter((name) => env[name]?.trim()),
    host: reader.string('HOST'),
    orchestratorPort: reader.port('ORCHESTRATOR_PORT'),
    redisUrl: reader.url('REDIS_URL', ['redis:', 'rediss:']),
    redisSentinel,
    // With Sentinel, failovers are expected: by default an accepted backup is on a replica too.
    redisAcceptReplicas: reader.optionalInteger('REDIS_ACCEPT_REPLICAS', 0) ?? (redisSentinel ? 1 : 0),
    queuePrefix: reader.queuePrefix('QUEUE_PREFIX'),
    datastore: readDatastoreConfig(reader),
    components,
    optimizeCompleteState: reader.oneOf('OPTIMIZE_COMPLETE_STATE', ['COMPLETE', 'COMPLETED']),
    snapshotTimeoutMs: reader.integer('BACKUP_SNAPSHOT_TIMEOUT_MS'),
    restoreTimeoutMs: reader.integer('RESTORE_TIMEOUT_MS'),
    pollMaxIntervalMs: reader.integer('BACKUP_POLL_MAX_INTERVAL_MS'),
    datastoreOutageToleranceMs: reader.integer('BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS'),
    redisOutageToleranceMs: reader.integer('BACKUP_REDIS_OUTAGE_TOLERANCE_MS'),
    shutdownGraceMs: reader.integer('SHUTDOWN_GRACE_MS'),
    jobLockMs: reader.integer('BACKUP_JOB_LOCK_MS'),
    stalledCheckMs: reader.integer('BACKUP_STALLED_CHECK_MS'),
    incompleteGraceMs: reader.integer('BACKUP_INCOMPLETE_GRACE_MS'),
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS),
    healthCheckTimeoutMs: reader.integer('HEALTH_CHECK_TIMEOUT_MS'),
    dashboard: {
      username: reader.optionalString('DASHBOARD_USERNAME'),
      password: reader.optionalString('DASHBOARD_PASSWORD'),
      allowUnauthenticated: reader.boolean('DASHBOARD_ALLOW_UNAUTHENTICATED'),
    },
    managementAuth: {
      token: reader.optionalString('MANAGEMENT_AUTH_TOKEN'),
      username: reader.optionalString('MANAGEMENT_USERNAME'),
      password: reader.optionalString('MANAGEMENT_PASSWORD'),
    },
    coordination: readCoordinationConfig(reader),
    operations: readOperationsConfig(reader),
  };
  if (topology === 'orchestration-cluster') {
    try {
      webappsLayoutFor(components.webapps.version);
    } catch (error) {
      reader.problem(
        'CAMUNDA_VERSION',
        `CAMUNDA_TOPOLOGY=orchestration-cluster: ${(error as Error).message}`,
      );
    }
  }
  checkCredentialPairs(reader, config);
  checkDashboardExposure(reader, config);
  checkDistinctPorts(reader, config);
  return reader.problems.length > 0 ? { problems: reader.problems } : { config, problems: [] };
}

function readDatastoreConfig(reader: EnvReader): DatastoreConfig {
  const type = reader.oneOf('DATASTORE_TYPE', ['elasticsearch', 'opensearch'], { ignoreCase: true });
  const username = reader.optionalString('DATASTORE_USERNAME');
  const password = reader.optionalString('DATASTORE_PASSWORD');
  const apiKey = reader.optionalString('DATASTORE_API_KEY');
  if (password !== undefined && username === undefined) {
    reader.problem('DATASTORE_USERNAME', 'must be set together with DATASTORE_PASSWORD');
  }
  if (username !== undefined && password === undefined) {
    reader.problem('DATASTORE_PASSWORD', 'must be set together with DATASTORE_USERNAME');
  }
  if (apiKey !== undefined && username !== undefined) {
    reader.problem('DATASTORE_API_KEY', 'set either it or DATASTORE_USERNAME/DATASTORE_PASSWORD, not both');
  }
  if (apiKey !== undefined && type === 'opensearch') {
    reader.problem('DATASTORE_API_KEY', 'is only supported with DATASTORE_TYPE=elasticsearch');
  }
  const caFile = reader.optionalString('DATASTORE_CA_FILE');
  return {
    type,
    urls: reader.urlList('DATASTORE_URL', ['http:', 'https:']),
    ...(username !== undefined ? { username, password } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(caFile !== undefined ? { caFile } : {}),
    requestTimeoutMs: reader.integer('DATASTORE_REQUEST_TIMEOUT_MS'),
    maxRetries: reader.integer('DATASTORE_MAX_RETRIES', 0),
  };
}

function readRedisSentinelConfig(reader: EnvReader): RedisSentinelConfig | undefined {
  const sentinels = reader.optionalHostPortList('REDIS_SENTINELS', DEFAULT_SENTINEL_PORT);
  const masterName = reader.optionalString('REDIS_SENTINEL_MASTER');
  const password = reader.optionalString('REDIS_SENTINEL_PASSWORD');
  const tls = reader.boolean('REDIS_SENTINEL_TLS');
  if (masterName !== undefined && /\s/.test(masterName)) {
    reader.problem(
      'REDIS_SENTINEL_MASTER',
      `must be a master group name without white space, got "${masterName}"`,
    );
  }
  if (sentinels === undefined) {
    // Sentinel settings without Sentinels would be silently ignored: say so instead.
    const orphans = [
      ...(masterName !== undefined ? ['REDIS_SENTINEL_MASTER'] : []),
      ...(password !== undefined ? ['REDIS_SENTINEL_PASSWORD'] : []),
      ...(tls ? ['REDIS_SENTINEL_TLS'] : []),
    ];
    if (orphans.length > 0 && !reader.problems.some((problem) => problem.startsWith('REDIS_SENTINELS:'))) {
      reader.problem('REDIS_SENTINELS', `must be set when ${orphans.join(', ')} is set`);
    }
    return undefined;
  }
  if (masterName === undefined) {
    reader.problem('REDIS_SENTINEL_MASTER', 'must be set together with REDIS_SENTINELS');
    return undefined;
  }
  return { sentinels, masterName, ...(password !== undefined ? { password } : {}), tls };
}

function readCoordinationConfig(reader: EnvReader): CoordinationConfig {
  const zeebeManagementUrl = reader.optionalUrl('ZEEBE_MANAGEMENT_URL', ['http:', 'https:']);
  return {
    zeebeManagementUrl: zeebeManagementUrl?.replace(/\/+$/, ''),
    zeebeRecordsRepository: reader.optionalRepositoryName('ZEEBE_RECORDS_BACKUP_REPOSITORY_NAME'),
    zeebeRecordsIndexPattern: `${reader.indexPrefix('ZEEBE_RECORDS_INDEX_PREFIX')}*`,
    zeebeRequestTimeoutMs: reader.integer('ZEEBE_REQUEST_TIMEOUT_MS'),
    zeebeBackupTimeoutMs: reader.integer('ZEEBE_BACKUP_TIMEOUT_MS'),
    zeebePauseLeaseMs: reader.integer('ZEEBE_PAUSE_LEASE_MS'),
    schedule: reader.optionalCron('BACKUP_SCHEDULE'),
    retentionCount: reader.optionalInteger('BACKUP_RETENTION_COUNT'),
    retentionMaxAgeMs: reader.optionalDuration('BACKUP_RETENTION_MAX_AGE'),
  };
}

function readOperationsConfig(reader: EnvReader): OperationsConfig {
  const urls = splitList(reader.optionalString('NOTIFY_WEBHOOK_URLS'));
  for (const url of urls) {
    if (!/^https?:\/\/[^/\s]/.test(url) || !URL.canParse(url)) {
      reader.problem('NOTIFY_WEBHOOK_URLS', `"${redactUrl(url)}" is not an http:// or https:// URL`);
    }
  }
  const on = splitList(reader.string('NOTIFY_ON'));
  const unknown = on.filter((event) => !(NOTIFY_EVENTS as readonly string[]).includes(event));
  if (unknown.length > 0 || on.length === 0) {
    reader.problem(
      'NOTIFY_ON',
      `must list one or more of ${NOTIFY_EVENTS.join(', ')}, got "${on.join(',')}"`,
    );
  }
  return {
    freshnessMaxAgeMs: reader.optionalDuration('BACKUP_FRESHNESS_MAX_AGE'),
    notify: {
      webhookUrls: urls,
      on: [...new Set(on)] as NotifyEvent[],
      format: reader.oneOf('NOTIFY_WEBHOOK_FORMAT', ['json', 'slack'], { ignoreCase: true }),
    },
  };
}

function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A user name without its password (or the reverse) is a configuration mistake, not "auth off". */
function checkCredentialPairs(reader: EnvReader, config: OrchestratorConfig): void {
  const pairs: Array<[string, string, { username?: string; password?: string }]> = [
    ['DASHBOARD_USERNAME', 'DASHBOARD_PASSWORD', config.dashboard],
    ['MANAGEMENT_USERNAME', 'MANAGEMENT_PASSWORD', config.managementAuth],
  ];
  for (const [userVariable, passwordVariable, pair] of pairs) {
    if ((pair.username === undefined) !== (pair.password === undefined)) {
      const [missing, given] =
        pair.username === undefined ? [userVariable, passwordVariable] : [passwordVariable, userVariable];
      reader.problem(missing, `must be set together with ${given}`);
    }
  }
}

/**
 * The dashboard can inspect backup jobs: refuse to serve it without credentials on an address other
 * machines can reach, unless the operator said so explicitly.
 */
function checkDashboardExposure(reader: EnvReader, config: OrchestratorConfig): void {
  const { dashboard, host } = config;
  if (dashboard.username !== undefined || dashboard.allowUnauthenticated || isLoopbackHost(host)) return;
  reader.problem(
    'DASHBOARD_USERNAME, DASHBOARD_PASSWORD',
    `the queue dashboard (/queues) and the backup overview (/backups) would be public without credentials on HOST=${host}; ` +
      'set both, bind HOST to a loopback address, or set DASHBOARD_ALLOW_UNAUTHENTICATED=true',
  );
}

function checkDistinctPorts(reader: EnvReader, config: OrchestratorConfig): void {
  const enabledPorts = [
    config.orchestratorPort,
    ...SNAPSHOT_COMPONENTS.filter((c) => config.components[c].enabled).map((c) => config.components[c].port),
  ];
  if (new Set(enabledPorts).size !== enabledPorts.length) {
    reader.problem(
      'ORCHESTRATOR_PORT, OPTIMIZE_PORT, OPERATE_PORT, TASKLIST_PORT, ORCHESTRATION_CLUSTER_PORT',
      `enabled listeners need distinct ports, got ${enabledPorts.join(', ')}`,
    );
  }
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}
