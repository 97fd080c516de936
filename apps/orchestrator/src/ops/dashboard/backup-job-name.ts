import type { BackupJobData } from '../../backup/backup-job.js';

interface JobProgress {
  partNo?: number;
  partCount?: number;
  snapshot?: string;
}

/** The dashboard's line for a backup job: component, backup ID and the current part. */
export function backupJobName(job: { data?: Partial<BackupJobData>; progress?: unknown }): string {
  const { component = '?', backupId = '?' } = job.data ?? {};
  const progress = (
    typeof job.progress === 'object' && job.progress !== null ? job.progress : {}
  ) as JobProgress;
  const part =
    progress.partNo !== undefined ? ` · part ${progress.partNo}/${progress.partCount}` : ' · not started';
  return `${component} backup ${backupId}${part}`;
}
