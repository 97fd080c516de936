import type { Logger } from '@nestjs/common';
import type { Worker } from 'bullmq';

/**
 * Stops BullMQ workers taking jobs and waits for their running jobs at most `graceMs`
 * (SHUTDOWN_GRACE_MS); then closes them anyway. A job cut off that way stays locked until its lock
 * expires and is then picked up again by a daemon (stalled-job recovery).
 */
export async function closeWorkersWithin(
  workers: readonly Worker[],
  graceMs: number,
  logger: Logger,
): Promise<void> {
  const closing = Promise.all(workers.map((worker) => worker.close()));
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([closing.then(() => 'closed' as const), graceOver]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    logger.warn(
      `Jobs still running after SHUTDOWN_GRACE_MS=${graceMs} ms: closing anyway; they are taken up again after their lock expires`,
    );
    await Promise.all(workers.map((worker) => worker.close(true)));
  }
}
