import {
  durationBetween,
  formatReasons,
  humanDuration,
  humanSize,
  type Reason,
  shortTime,
} from './format.js';
import { formatTable } from './table.js';
import type { BackupEntry, BackupList, BackupView, ComponentView, PartView } from './views.js';

/**
 * One backup as text: what it is, its times, one row per component, one per part (started, how long
 * it took), one per step, then every failure reason once, wrapped to `width`.
 */
export function describeBackup(view: BackupView, width: number): string {
  const what = [view.kind, view.generation, view.trigger && `trigger ${view.trigger}`].filter(Boolean);
  const lines = [`Backup ${view.backupId}: ${view.state}${what.length > 0 ? ` (${what.join(', ')})` : ''}`];
  lines.push(
    [
      `Accepted ${shortTime(view.acceptedAt)}`,
      `started ${shortTime(view.startedAt)}`,
      `finished ${shortTime(view.finishedAt)}`,
      `duration ${humanDuration(view.durationMs)}`,
      `size ${humanSize(view.sizeBytes)}`,
    ].join(', '),
  );
  if (view.zeebe?.included === false) lines.push(`Zeebe: skipped (${view.zeebe.reason})`);

  const components = Object.entries(view.components ?? {});
  const componentRows = components.map(([name, component]) => [
    name,
    component.state,
    partsSummary(name, component),
    shortTime(component.startedAt),
    shortTime(component.finishedAt),
    durationBetween(component.startedAt, component.finishedAt),
    humanSize(component.sizeBytes),
  ]);
  lines.push(
    '',
    formatTable(['COMPONENT', 'STATE', 'PARTS', 'STARTED', 'FINISHED', 'DURATION', 'SIZE'], componentRows),
  );

  const partRows = components.flatMap(([name, component]) =>
    partsOf(component).map((part, index, parts) => [
      name,
      part.snapshotName,
      part.state,
      shortTime(part.startTime),
      partDuration(part, parts[index + 1], component),
    ]),
  );
  if (partRows.length > 0) {
    lines.push('', formatTable(['COMPONENT', 'PART', 'STATE', 'STARTED', 'DURATION'], partRows));
  }
  const steps = view.steps ?? [];
  if (steps.length > 0) {
    lines.push(
      '',
      formatTable(
        ['STEP', 'STATE'],
        steps.map((step) => [step.step, step.state]),
      ),
    );
  }

  const reasons: Reason[] = [{ label: 'backup', text: view.failureReason }];
  for (const [name, component] of components) {
    reasons.push({ label: name, text: component.failureReason });
    for (const part of partsOf(component)) {
      reasons.push({ label: part.snapshotName, text: (part.failures ?? []).join('; ') });
    }
  }
  for (const step of steps) reasons.push({ label: `step ${step.step}`, text: step.reason });
  const reasonLines = formatReasons(reasons, width);
  if (reasonLines.length > 0) lines.push('', ...reasonLines);
  return lines.join('\n');
}

/** The one-line progress of a running backup. */
export function backupProgress(view: BackupView): string {
  const steps = (view.steps ?? []).map((step) => `${step.step}=${step.state}`).join(' ');
  return `backup ${view.backupId}: ${view.state} ${steps}`;
}

/** `backup list`: one row per backup, then the failure reasons once, then how to see older ones. */
export function formatBackupList(list: BackupList, width: number): string {
  const rows = list.backups.map((entry) => [
    entry.backupId,
    entry.state,
    entry.kind ?? '-',
    entry.trigger ?? '-',
    shortTime(entry.finishedAt),
    humanDuration(entry.durationMs),
    humanSize(entry.sizeBytes),
    Object.keys(entry.components).join(','),
  ]);
  const lines = [
    formatTable(['ID', 'STATE', 'KIND', 'TRIGGER', 'FINISHED', 'DURATION', 'SIZE', 'COMPONENTS'], rows),
  ];
  const reasonLines = formatReasons(list.backups.flatMap(reasonsOfEntry), width);
  if (reasonLines.length > 0) lines.push('', ...reasonLines);
  if (list.nextBefore !== null) {
    lines.push('', `Older backups: camunda-backup backup list --before ${list.nextBefore}`);
  }
  return lines.join('\n');
}

function reasonsOfEntry(entry: BackupEntry): Reason[] {
  return [
    { label: entry.backupId, text: entry.failureReason },
    ...Object.entries(entry.components).map(([name, component]) => ({
      label: `${entry.backupId} ${name}`,
      text: component.failureReason,
    })),
  ];
}

/** Parts of a component: its `details` (coordinated) or its component API view's `details`. */
function partsOf(component: ComponentView): PartView[] {
  const details = component.details;
  if (Array.isArray(details)) return details;
  return details?.details ?? [];
}

/**
 * Parts run strictly one after another, so a part took from its start to the next one's start (the
 * last one: to the component's end); `-` while that is not known.
 */
function partDuration(part: PartView, next: PartView | undefined, component: ComponentView): string {
  if (part.state === 'IN_PROGRESS') return '-';
  return durationBetween(part.startTime, next ? next.startTime : component.finishedAt);
}

function partsSummary(name: string, component: ComponentView): string {
  if (name === 'zeebe') {
    const partitions = component.brokerBackup?.partitions ?? [];
    const done = partitions.filter((p) => p.state === 'COMPLETED').length;
    return `records ${component.recordsSnapshot?.state ?? '-'}, partitions ${done}/${partitions.length}`;
  }
  const parts = partsOf(component);
  const done = parts.filter((d) => d.state === 'SUCCESS').length;
  return `${done}/${parts.length} succeeded`;
}
