import type { CoordinatedRecord } from './coordinated-record.js';

export const STEP_NAMES = [
  'pause-exporting',
  'optimize',
  'operate',
  'tasklist',
  'webapps',
  'zeebe-records',
  'zeebe-backup',
  'resume-exporting',
] as const;

export type StepName = (typeof STEP_NAMES)[number];

export interface StepJobData {
  backupId: string;
  step: StepName;
}

/** What a step job returns: done, or skipped because an earlier step failed. */
export interface StepResult {
  outcome: 'done' | 'skipped';
  reason?: string;
}

/** Deterministic, never all digits, no ':' (BullMQ's key separator). */
export function stepJobId(backupId: bigint | string, step: StepName): string {
  return `coordinated-${backupId}-${step}`;
}

/** The steps of a coordinated backup in the order they run (facts §8.1). */
export function stepsOf(record: Pick<CoordinatedRecord, 'components' | 'zeebe'>): StepName[] {
  const steps: StepName[] = [];
  if (record.zeebe) steps.push('pause-exporting');
  steps.push(...record.components);
  if (record.zeebe) steps.push('zeebe-records', 'zeebe-backup', 'resume-exporting');
  return steps;
}
