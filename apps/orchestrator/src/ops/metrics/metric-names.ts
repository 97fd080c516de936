/** Every metric the daemon exports besides prom-client's process defaults (see docs/configuration.md). */
export const METRIC = {
  backups: 'camunda_backup_backups_total',
  partDuration: 'camunda_backup_part_duration_seconds',
  queueJobs: 'camunda_backup_queue_jobs',
  datastoreErrors: 'camunda_backup_datastore_errors_total',
  httpRequests: 'camunda_backup_http_server_requests_seconds',
  lastSuccess: 'camunda_backup_last_success_timestamp_seconds',
  lastFailure: 'camunda_backup_last_failure_timestamp_seconds',
  consecutiveFailures: 'camunda_backup_consecutive_failures',
  backupDuration: 'camunda_backup_duration_seconds',
  exportingPaused: 'camunda_backup_zeebe_exporting_paused',
  restoreLastSuccess: 'camunda_restore_last_success_timestamp_seconds',
  restoreLastFailure: 'camunda_restore_last_failure_timestamp_seconds',
  restoreDuration: 'camunda_restore_duration_seconds',
} as const;
