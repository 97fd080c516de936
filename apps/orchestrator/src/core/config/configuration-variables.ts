/**
 * Every environment variable the daemon reads, with its default and meaning: the only place a
 * default is written (EnvReader takes it from here), printed by `--help` and kept identical to the
 * table in docs/configuration.md (a unit test checks both, and that the reader reads nothing else).
 */
/** The `default` of a variable that has none. */
export const UNSET = 'unset';

export interface ConfigurationVariable {
  name: string;
  default: string;
  meaning: string;
}

export const CONFIGURATION_VARIABLES: readonly ConfigurationVariable[] = [
  { name: 'DATASTORE_TYPE', default: 'elasticsearch', meaning: 'elasticsearch (8.x) or opensearch (2.x)' },
  {
    name: 'DATASTORE_URL',
    default: 'http://localhost:9200',
    meaning: 'one or more comma-separated node URLs',
  },
  {
    name: 'DATASTORE_USERNAME',
    default: 'unset',
    meaning: 'basic-auth user of the datastore (with DATASTORE_PASSWORD)',
  },
  {
    name: 'DATASTORE_PASSWORD',
    default: 'unset',
    meaning: 'basic-auth password of the datastore; never logged',
  },
  {
    name: 'DATASTORE_API_KEY',
    default: 'unset',
    meaning: 'Elasticsearch API key (instead of user/password); never logged',
  },
  {
    name: 'DATASTORE_CA_FILE',
    default: 'unset',
    meaning: 'PEM file of the CA that signed the datastore certificate',
  },
  { name: 'DATASTORE_REQUEST_TIMEOUT_MS', default: '30000', meaning: 'time-out of one datastore request' },
  {
    name: 'DATASTORE_MAX_RETRIES',
    default: '0',
    meaning: "the datastore client's own retries of a failed request",
  },
  {
    name: 'REDIS_URL',
    default: 'redis://127.0.0.1:6379',
    meaning:
      "BullMQ's Redis (redis:// or rediss://); with REDIS_SENTINELS only its user, password, database and scheme are used",
  },
  {
    name: 'REDIS_SENTINELS',
    default: 'unset',
    meaning: 'comma-separated Sentinel host:port list; when set, the primary is found through Sentinel',
  },
  {
    name: 'REDIS_SENTINEL_MASTER',
    default: 'unset',
    meaning: 'master group name monitored by the Sentinels (required with REDIS_SENTINELS)',
  },
  {
    name: 'REDIS_SENTINEL_PASSWORD',
    default: 'unset',
    meaning: "the Sentinels' own requirepass (not the data nodes'); never logged",
  },
  {
    name: 'REDIS_SENTINEL_TLS',
    default: 'false',
    meaning: 'true: connect to the Sentinels over TLS (the data nodes use TLS when REDIS_URL is rediss://)',
  },
  {
    name: 'REDIS_ACCEPT_REPLICAS',
    default: 'unset',
    meaning:
      'replicas that must hold a newly accepted backup before the API answers (else 503); unset: 1 with REDIS_SENTINELS, 0 without',
  },
  { name: 'QUEUE_PREFIX', default: 'camunda-backup', meaning: 'BullMQ key prefix (no ":")' },
  { name: 'BACKUP_REPOSITORY_NAME', default: 'unset', meaning: 'snapshot repository of all components' },
  {
    name: 'OPTIMIZE_BACKUP_REPOSITORY_NAME',
    default: 'BACKUP_REPOSITORY_NAME',
    meaning: "Optimize's snapshot repository",
  },
  {
    name: 'OPERATE_BACKUP_REPOSITORY_NAME',
    default: 'BACKUP_REPOSITORY_NAME',
    meaning: "Operate's snapshot repository",
  },
  {
    name: 'TASKLIST_BACKUP_REPOSITORY_NAME',
    default: 'BACKUP_REPOSITORY_NAME',
    meaning: "Tasklist's snapshot repository",
  },
  {
    name: 'CAMUNDA_TOPOLOGY',
    default: 'per-app',
    meaning:
      'per-app (Camunda ≤ 8.7 APIs: Optimize, Operate, Tasklist) or orchestration-cluster (8.8+: Optimize and web apps, Zeebe relay)',
  },
  {
    name: 'ORCHESTRATION_CLUSTER_PORT',
    default: '9600',
    meaning: 'orchestration-cluster: port of /actuator/backupHistory and the Zeebe relay',
  },
  {
    name: 'WEBAPPS_BACKUP_REPOSITORY_NAME',
    default: 'BACKUP_REPOSITORY_NAME',
    meaning: 'orchestration-cluster: snapshot repository of the web-apps backups',
  },
  {
    name: 'WEBAPPS_INDEX_PREFIX',
    default: 'unset',
    meaning: 'orchestration-cluster: index prefix shared by Operate and Tasklist (8.8+ default: none)',
  },
  { name: 'CAMUNDA_VERSION', default: '8.8.0', meaning: 'version written into snapshot names' },
  { name: 'OPTIMIZE_VERSION', default: 'CAMUNDA_VERSION', meaning: "version in Optimize's snapshot names" },
  { name: 'OPERATE_VERSION', default: 'CAMUNDA_VERSION', meaning: "version in Operate's snapshot names" },
  { name: 'TASKLIST_VERSION', default: 'CAMUNDA_VERSION', meaning: "version in Tasklist's snapshot names" },
  { name: 'OPTIMIZE_INDEX_PREFIX', default: 'optimize', meaning: "prefix of Optimize's indices" },
  { name: 'OPERATE_INDEX_PREFIX', default: 'operate', meaning: "prefix of Operate's indices" },
  { name: 'TASKLIST_INDEX_PREFIX', default: 'tasklist', meaning: "prefix of Tasklist's indices" },
  { name: 'OPTIMIZE_ENABLED', default: 'true', meaning: 'serve the Optimize API and run its backups' },
  { name: 'OPERATE_ENABLED', default: 'true', meaning: 'serve the Operate API and run its backups' },
  { name: 'TASKLIST_ENABLED', default: 'true', meaning: 'serve the Tasklist API and run its backups' },
  { name: 'OPTIMIZE_PORT', default: '8092', meaning: 'port of the Optimize Backup Management API' },
  { name: 'OPERATE_PORT', default: '9600', meaning: 'port of the Operate Backup Management API' },
  { name: 'TASKLIST_PORT', default: '9620', meaning: 'port of the Tasklist Backup Management API' },
  {
    name: 'ORCHESTRATOR_PORT',
    default: '9700',
    meaning: 'port of the orchestrator API, dashboard, metrics and API docs',
  },
  { name: 'HOST', default: '0.0.0.0', meaning: 'address every listener binds to' },
  {
    name: 'OPTIMIZE_COMPLETE_STATE',
    default: 'COMPLETE',
    meaning: "Optimize's finished-state word: COMPLETE or COMPLETED",
  },
  {
    name: 'BACKUP_SNAPSHOT_TIMEOUT_MS',
    default: '21600000',
    meaning: 'longest one part may stay IN_PROGRESS before the backup fails',
  },
  {
    name: 'RESTORE_TIMEOUT_MS',
    default: '21600000',
    meaning: 'longest the restore of one snapshot may take before the restore fails',
  },
  {
    name: 'BACKUP_POLL_MAX_INTERVAL_MS',
    default: '500',
    meaning: 'longest interval between polls of a running part',
  },
  {
    name: 'BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS',
    default: '300000',
    meaning: 'longest datastore outage a running backup waits out',
  },
  {
    name: 'BACKUP_REDIS_OUTAGE_TOLERANCE_MS',
    default: '300000',
    meaning: 'longest Redis outage a running backup or restore step waits out',
  },
  {
    name: 'SHUTDOWN_GRACE_MS',
    default: '20000',
    meaning: 'how long shutdown waits for running backup steps',
  },
  {
    name: 'BACKUP_JOB_LOCK_MS',
    default: '30000',
    meaning: "a running job's lock; a killed daemon's job is freed after this long",
  },
  {
    name: 'BACKUP_STALLED_CHECK_MS',
    default: '30000',
    meaning: 'how often workers look for jobs of a dead daemon',
  },
  {
    name: 'BACKUP_INCOMPLETE_GRACE_MS',
    default: '300000',
    meaning: 'without Redis, a backup missing parts that ended this recently reads IN_PROGRESS',
  },
  {
    name: 'ZEEBE_MANAGEMENT_URL',
    default: 'unset',
    meaning: "Zeebe gateway management API; unset: coordinated backups skip Zeebe's steps",
  },
  {
    name: 'ZEEBE_RECORDS_INDEX_PREFIX',
    default: 'zeebe-record',
    meaning: 'prefix of the exported Zeebe records indices',
  },
  {
    name: 'ZEEBE_RECORDS_BACKUP_REPOSITORY_NAME',
    default: 'BACKUP_REPOSITORY_NAME',
    meaning: 'repository of the Zeebe records snapshot',
  },
  { name: 'ZEEBE_REQUEST_TIMEOUT_MS', default: '10000', meaning: 'longest one request to Zeebe may take' },
  {
    name: 'ZEEBE_BACKUP_TIMEOUT_MS',
    default: '3600000',
    meaning: 'longest a Zeebe backup may stay IN_PROGRESS',
  },
  {
    name: 'ZEEBE_PAUSE_LEASE_MS',
    default: '60000',
    meaning: 'a paused exporting whose daemon stops renewing this lease is resumed',
  },
  { name: 'BACKUP_SCHEDULE', default: 'unset', meaning: 'cron pattern of scheduled coordinated backups' },
  { name: 'BACKUP_RETENTION_COUNT', default: 'unset', meaning: 'keep at most this many coordinated backups' },
  {
    name: 'BACKUP_RETENTION_MAX_AGE',
    default: 'unset',
    meaning: 'delete coordinated backups older than this (e.g. 30d)',
  },
  {
    name: 'LOG_LEVEL',
    default: 'info',
    meaning: 'JSON log level: fatal, error, warn, info, debug, trace or silent',
  },
  {
    name: 'HEALTH_CHECK_TIMEOUT_MS',
    default: '2000',
    meaning: 'bound of each health check (datastore, Redis, repository, queue)',
  },
  {
    name: 'DASHBOARD_USERNAME',
    default: 'unset',
    meaning:
      'basic-auth user of the queue dashboard /queues and the overview page /backups (with DASHBOARD_PASSWORD)',
  },
  {
    name: 'DASHBOARD_PASSWORD',
    default: 'unset',
    meaning: 'basic-auth password of the queue dashboard and the overview page; never logged',
  },
  {
    name: 'DASHBOARD_ALLOW_UNAUTHENTICATED',
    default: 'false',
    meaning: 'true: serve the dashboard and the overview page without credentials on a non-loopback HOST',
  },
  {
    name: 'MANAGEMENT_AUTH_TOKEN',
    default: 'unset',
    meaning: 'when set, every API but liveness/readiness needs "Authorization: Bearer <token>"',
  },
  {
    name: 'MANAGEMENT_USERNAME',
    default: 'unset',
    meaning: 'when set (with MANAGEMENT_PASSWORD), basic auth for every API but liveness/readiness',
  },
  { name: 'MANAGEMENT_PASSWORD', default: 'unset', meaning: 'password of MANAGEMENT_USERNAME; never logged' },
  {
    name: 'BACKUP_FRESHNESS_MAX_AGE',
    default: 'unset',
    meaning:
      'e.g. 26h: /actuator/health carries backupFreshness per component, DOWN when its newest COMPLETED backup is older',
  },
  {
    name: 'NOTIFY_WEBHOOK_URLS',
    default: 'unset',
    meaning: 'comma-separated http(s) URLs that backup and restore notifications are POSTed to',
  },
  {
    name: 'NOTIFY_ON',
    default: 'failure,stale',
    meaning: 'comma-separated events notified: failure, success, stale (freshness went DOWN)',
  },
  { name: 'NOTIFY_WEBHOOK_FORMAT', default: 'json', meaning: 'body of a notification: json or slack' },
];

/** The variables as a Markdown table (the --help text and docs/configuration.md). */
export function configurationTable(): string {
  const rows = CONFIGURATION_VARIABLES.map(
    (variable) => `| \`${variable.name}\` | \`${variable.default}\` | ${variable.meaning} |`,
  );
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

export function helpText(): string {
  return [
    'camunda-backup-orchestrator: Backup Management APIs of Camunda Optimize, Operate and Tasklist',
    '',
    'Usage: npm start [-- --help]   (the built daemon: node <build>/main.js [--help])',
    'Configured by environment variables; invalid values stop start-up with a message naming the variable.',
    '',
    configurationTable(),
    '',
  ].join('\n');
}
