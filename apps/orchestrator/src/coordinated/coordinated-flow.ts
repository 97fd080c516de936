import { COORDINATED_QUEUE } from '../jobs/queue-names.js';
import type { FlowJob } from 'bullmq';
import type { CoordinatedRecord } from './coordinated-record.js';
import { type StepJobData, type StepName, stepJobId, stepsOf } from './coordinated-steps.js';

/** Retries per step: talking to Zeebe is retried; component backups retry inside their own jobs. */
const ATTEMPTS: Record<StepName, number> = {
  'pause-exporting': 3,
  optimize: 1,
  operate: 1,
  tasklist: 1,
  webapps: 1,
  'zeebe-records': 3,
  'zeebe-backup': 3,
  'resume-exporting': 12,
};

/**
 * The BullMQ flow of one coordinated backup: a chain where each step is the child of the next
 * (BullMQ runs children first), so the last step is the root. Every child lets its parent run even
 * when it fails (`ignoreDependencyOnFailure`): later steps then skip themselves, and the final
 * resume of exporting runs on every path.
 */
export function buildCoordinatedFlow(record: CoordinatedRecord): FlowJob {
  let child: FlowJob | undefined;
  for (const step of stepsOf(record)) {
    const data: StepJobData = { backupId: record.backupId, step };
    child = {
      name: step,
      queueName: COORDINATED_QUEUE,
      data,
      opts: {
        jobId: stepJobId(record.backupId, step),
        attempts: ATTEMPTS[step],
        backoff: { type: 'exponential', delay: 500 },
        ignoreDependencyOnFailure: true,
      },
      children: child ? [child] : undefined,
    };
  }
  if (!child) throw new Error('a coordinated backup needs at least one step');
  return child;
}
