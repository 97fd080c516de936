/** Every metric the daemon exports besides prom-client's process defaults (see docs/configuration.md). */
export const METRIC = {
  backups: 'camunda_backup_backups_total',
  partDuration: 'camunda_backup_part_duration_seconds',
  queueJobs: 'camunda_backup_queue_jobs',
  datastoreErrors: 'camunda_backup_datastore_errors_total',
  httpRequests: 'camunda_backup_http_server_requests_seconds',
} as const;
