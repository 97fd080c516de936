import { durationBetween, formatReasons, shortTime, wrapText } from './format.js';
import { formatTable } from './table.js';
import type { RestoreView, ScheduleView } from './views.js';

/** One restore: its state and times, one row per snapshot, the failure reason wrapped to `width`. */
export function describeRestore(view: RestoreView, width: number): string {
  const lines = [
    `Restore of backup ${view.backupId}: ${view.state} (${view.components.join(', ')})`,
    [
      `Accepted ${shortTime(view.acceptedAt)}`,
      `started ${shortTime(view.startedAt)}`,
      `finished ${shortTime(view.finishedAt)}`,
      `duration ${durationBetween(view.startedAt, view.finishedAt)}`,
    ].join(', '),
    '',
    formatTable(
      ['COMPONENT', 'SNAPSHOT', 'STATE', 'INDICES', 'DOCUMENTS'],
      view.steps.map((s) => [
        s.component,
        s.snapshot,
        s.state,
        String(s.indices ?? ''),
        String(s.documents ?? ''),
      ]),
    ),
  ];
  const reasons = formatReasons([{ label: 'restore', text: view.failureReason }], width);
  if (reasons.length > 0) lines.push('', ...reasons);
  return lines.join('\n');
}

/** `restore list`: one row per restore, newest first, then the failure reasons once. */
export function formatRestoreList(restores: RestoreView[], width: number): string {
  if (restores.length === 0) return 'No restores';
  const rows = restores.map((view) => [
    view.backupId,
    view.state,
    view.components.join(','),
    shortTime(view.acceptedAt),
    shortTime(view.finishedAt),
    durationBetween(view.startedAt, view.finishedAt),
  ]);
  const lines = [formatTable(['BACKUP ID', 'STATE', 'COMPONENTS', 'ACCEPTED', 'FINISHED', 'DURATION'], rows)];
  const reasons = formatReasons(
    restores.map((view) => ({ label: `restore ${view.backupId}`, text: view.failureReason })),
    width,
  );
  if (reasons.length > 0) lines.push('', ...reasons);
  return lines.join('\n');
}

/** `schedule show`: each schedule's cron, next run, retention and last run. */
export function formatSchedules(schedules: ScheduleView[], width: number): string {
  if (schedules.length === 0) return 'No schedule (BACKUP_SCHEDULE is not set)';
  return schedules
    .map((schedule) => {
      const { count, maxAge } = schedule.retention;
      const rules = [count === null ? '' : `keep ${count}`, maxAge === null ? '' : `max age ${maxAge}`];
      const retention = rules.filter(Boolean).join(', ') || 'none (every backup is kept)';
      const lines = [
        `Schedule ${schedule.name}: "${schedule.cron}" (${schedule.timeZone})`,
        `Next run:  ${shortTime(schedule.nextRunAt)}`,
        `Retention: ${retention}`,
      ];
      const last = schedule.lastRun;
      if (!last) lines.push('Last run:  none yet');
      else {
        const backup = last.backupId === null ? '' : `, backup ${last.backupId}`;
        lines.push(`Last run:  ${shortTime(last.at)}: ${last.outcome}${backup}`);
        if (last.retention) {
          const deleted = last.retention.deleted;
          lines.push(`           retention deleted ${deleted.length > 0 ? deleted.join(', ') : 'nothing'}`);
        }
        if (last.reason) lines.push(...wrapText(last.reason, width, '           '));
        if (last.retention?.error) {
          lines.push(...wrapText(`retention failed: ${last.retention.error}`, width, '           '));
        }
      }
      return lines.join('\n');
    })
    .join('\n\n');
}
