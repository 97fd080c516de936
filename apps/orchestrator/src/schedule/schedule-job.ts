/** The one BullMQ job scheduler of coordinated backups (BACKUP_SCHEDULE). */
export const SCHEDULER_ID = 'coordinated-backup-schedule';
export const SCHEDULED_JOB_NAME = 'scheduled-backup';
