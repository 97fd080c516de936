import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DomainError } from '../core/errors/domain-error.js';
import { withRedis } from '../core/redis/with-redis.js';
import { COORDINATED_QUEUE, isPending, RESTORE_QUEUE, restoreJobId } from '../jobs/queue-names.js';
import { stepJobId, stepsOf } from './coordinated-steps.js';
import { CoordinatedStore, type ExclusiveHolder, type HeldSlot } from './coordinated-store.js';

/** A holder that has not yet created its record or job is still starting, not gone, for this long. */
const STARTING_GRACE_MS = 60_000;

/**
 * One coordinated backup or restore at a time across every daemon sharing the Redis: both pause
 * Zeebe exporting or replace indices, and two of them inside one pause window break the backup's
 * consistency. The slot in Redis is taken atomically; a holder whose flow or restore has finished
 * is replaced (compare-and-set), so the slot needs no release when work ends.
 */
@Injectable()
export class OperationSlot {
  constructor(
    @Inject(CoordinatedStore) private readonly store: CoordinatedStore,
    @InjectQueue(COORDINATED_QUEUE) private readonly steps: Queue,
    @InjectQueue(RESTORE_QUEUE) private readonly restores: Queue,
  ) {}

  /** Takes the slot, or refuses with 409 naming what is running. */
  async acquire(kind: ExclusiveHolder['kind'], backupId: bigint): Promise<ExclusiveHolder> {
    const holder: ExclusiveHolder = {
      kind,
      backupId: backupId.toString(),
      token: randomUUID(),
      since: Date.now(),
    };
    let replacing: HeldSlot | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await this.store.takeExclusive(holder, replacing);
      if (answer === 'taken') return holder;
      if (answer.holder && (await this.isRunning(answer.holder))) throw busy(answer.holder);
      replacing = answer;
    }
    throw new DomainError('conflict', 'Another coordinated backup or restore is starting; retry in a moment');
  }

  /** Gives the slot back when the work was refused before it started. */
  async release(holder: ExclusiveHolder): Promise<void> {
    await this.store.releaseExclusive(holder);
  }

  private async isRunning(holder: ExclusiveHolder): Promise<boolean> {
    const starting = Date.now() - holder.since < STARTING_GRACE_MS;
    if (holder.kind === 'restore') {
      const job = await withRedis('reading a restore job', () =>
        this.restores.getJob(restoreJobId(holder.backupId)),
      );
      if (!job) return starting;
      return job.timestamp >= holder.since - 1000 && isPending(await job.getState());
    }
    const stored = await this.store.read(holder.backupId);
    if (!stored || 'unreadable' in stored) return !stored && starting;
    const steps = stepsOf(stored.record);
    const root = await withRedis('reading a coordinated backup flow', () =>
      this.steps.getJob(stepJobId(holder.backupId, steps[steps.length - 1]!)),
    );
    if (!root) return starting;
    return isPending(await root.getState());
  }
}

function busy(holder: ExclusiveHolder): DomainError {
  return holder.kind === 'restore'
    ? new DomainError(
        'conflict',
        `The restore of backup ${holder.backupId} is still running; start the next coordinated backup or restore when it has finished`,
      )
    : new DomainError(
        'conflict',
        `Coordinated backup ${holder.backupId} is still in progress; start the next one (or a restore) when it has finished`,
      );
}
