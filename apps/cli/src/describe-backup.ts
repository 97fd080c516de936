import { formatTable } from './table.js';
import type { BackupView, ComponentView } from './views.js';

/** One coordinated backup as text: its state, then one row per component and per step. */
export function describeBackup(view: BackupView): string {
  const lines = [
    `Backup ${view.backupId}: ${view.state}${view.failureReason ? ` (${view.failureReason})` : ''}`,
  ];
  if (view.zeebe?.included === false) lines.push(`Zeebe: skipped (${view.zeebe.reason})`);
  const components = Object.entries(view.components ?? {}).map(([name, component]) => [
    name,
    component.state,
    partsOf(name, component),
    component.failureReason ?? '',
  ]);
  lines.push('', formatTable(['COMPONENT', 'STATE', 'PARTS', 'REASON'], components));
  const steps = (view.steps ?? []).map((step) => [step.step, step.state, step.reason ?? '']);
  lines.push('', formatTable(['STEP', 'STATE', 'REASON'], steps));
  return lines.join('\n');
}

/** The one-line progress of a running backup. */
export function backupProgress(view: BackupView): string {
  const steps = (view.steps ?? []).map((step) => `${step.step}=${step.state}`).join(' ');
  return `backup ${view.backupId}: ${view.state} ${steps}`;
}

function partsOf(name: string, component: ComponentView): string {
  if (name === 'zeebe') {
    const partitions = component.brokerBackup?.partitions ?? [];
    const done = partitions.filter((p) => p.state === 'COMPLETED').length;
    return `records ${component.recordsSnapshot?.state ?? '-'}, partitions ${done}/${partitions.length}`;
  }
  const details = component.details ?? [];
  const done = details.filter((d) => d.state === 'SUCCESS').length;
  return `${done}/${details.length} succeeded`;
}
