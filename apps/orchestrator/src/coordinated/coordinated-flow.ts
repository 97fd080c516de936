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
 * The BullMQ flow of one coordinated backup. BullMQ runs a job's children first, all of them at
 * once, so the flow is a tree whose root is the last step. For the orchestration cluster (8.8+:
 * web apps and Optimize in parallel, both awaited) that is resume-exporting ← zeebe-backup ←
 * zeebe-records ← each component, the first of which has pause-exporting as its child; the other
 * waits for that step at run time (a job has one parent). The per-app topology keeps its documented
 * chain: pause, each component in turn, records, Zeebe, resume. Every child lets its parent run even
 * when it fails (`ignoreDependencyOnFailure`): later steps then skip themselves, and the final resume
 * of exporting runs on every path.
 */
export function buildCoordinatedFlow(record: CoordinatedRecord): FlowJob {
  const stepJob = (step: StepName, children?: FlowJob[]): FlowJob => {
    const data: StepJobData = { backupId: record.backupId, step };
    return {
      name: step,
      queueName: COORDINATED_QUEUE,
      data,
      opts: {
        jobId: stepJobId(record.backupId, step),
        attempts: ATTEMPTS[step],
        backoff: { type: 'exponential', delay: 500 },
        ignoreDependencyOnFailure: true,
      },
      ...(children ? { children } : {}),
    };
  };
  if (record.zeebe && record.components.includes('webapps')) {
    const pause = stepJob('pause-exporting');
    const components = record.components.map((component, index) =>
      stepJob(component, index === 0 ? [pause] : undefined),
    );
    const records = stepJob('zeebe-records', components);
    return stepJob('resume-exporting', [stepJob('zeebe-backup', [records])]);
  }
  let chain: FlowJob | undefined;
  for (const step of stepsOf(record)) chain = stepJob(step, chain ? [chain] : undefined);
  if (!chain) throw new Error('a coordinated backup needs at least one step');
  return chain;
}
