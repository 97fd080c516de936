import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { RedisConnections } from '../core/redis/redis-connections.js';
import { closeWorkersWithin } from './close-workers.js';

/** What a feature declares to have the jobs of one queue run. */
export interface JobHandler<Data, Result> {
  queue: string;
  /** Job data read back from Redis is checked before use; throw on anything malformed. */
  parseData(raw: unknown): Data;
  process(job: Job<Data, Result>, data: Data): Promise<Result>;
  /** Jobs at a time per daemon (default 1). */
  concurrency?: number;
  /** Jobs at a time across every daemon sharing the Redis (BullMQ global concurrency). */
  globalConcurrency?: number;
  /** How often a job whose daemon died is resumed before it fails (default 1). */
  maxStalledCount?: number;
  /** Failures that are not worth an error line (e.g. a cancellation). */
  isQuietFailure?(error: Error): boolean;
  /** The job for log lines: "operate backup 5". */
  describe(job: Job<Data, Result>): string;
}

/**
 * The one worker factory: every queue's worker is built here from the same options (connection,
 * prefix, lock, stalled check, logging, validated data) and closed within SHUTDOWN_GRACE_MS. A queue
 * the daemon needs without a handler stops start-up (immich's job repository does the same).
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, JobHandler<unknown, unknown>>();
  private readonly required = new Set<string>();
  private readonly workers: Worker[] = [];
  private readonly retryTimers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(RedisConnections) private readonly redis: RedisConnections,
  ) {}

  /** The daemon cannot run without a handler for this queue. */
  require(queue: string): void {
    this.required.add(queue);
  }

  register<Data, Result>(handler: JobHandler<Data, Result>): void {
    if (this.handlers.has(handler.queue)) throw new Error(`Two job handlers for queue ${handler.queue}`);
    this.handlers.set(handler.queue, handler as unknown as JobHandler<unknown, unknown>);
  }

  onApplicationBootstrap(): void {
    const missing = [...this.required].filter((queue) => !this.handlers.has(queue));
    if (missing.length > 0) throw new Error(`No job handler for queue(s) ${missing.join(', ')}`);
    for (const handler of this.handlers.values()) this.start(handler);
  }

  private start(handler: JobHandler<unknown, unknown>): void {
    const worker = new Worker(
      handler.queue,
      async (job: Job) => {
        let data: unknown;
        try {
          data = handler.parseData(job.data);
        } catch (error) {
          throw new UnrecoverableError(
            `Job ${job.id} of ${handler.queue} has malformed data: ${(error as Error).message}`,
          );
        }
        return handler.process(job, data);
      },
      {
        connection: this.redis.bullConnection({ failFast: false }),
        prefix: this.config.queuePrefix,
        concurrency: handler.concurrency ?? 1,
        lockDuration: this.config.jobLockMs,
        stalledInterval: this.config.stalledCheckMs,
        maxStalledCount: handler.maxStalledCount ?? 1,
      },
    );
    let lastError = '';
    worker.on('error', (error) => {
      // Once per distinct error (a Redis outage repeats the same one on every reconnect).
      if (error.message === lastError) return;
      lastError = error.message;
      this.logger.error(`${handler.queue} worker: ${error.message}`);
    });
    worker.on('ready', () => (lastError = ''));
    worker.on('failed', (job, error) => {
      if (!job || handler.isQuietFailure?.(error)) return;
      this.logger.error(`${handler.describe(job)} failed: ${error.message}`);
    });
    this.workers.push(worker);
    if (handler.globalConcurrency !== undefined) this.limitGlobally(handler.queue, handler.globalConcurrency);
  }

  /** Retried until Redis answers: a daemon may start while Redis is down. */
  private limitGlobally(queueName: string, concurrency: number): void {
    const queue = new Queue(queueName, {
      connection: this.redis.bullConnection({ failFast: true }),
      prefix: this.config.queuePrefix,
    });
    queue.on('error', () => undefined);
    queue
      .setGlobalConcurrency(concurrency)
      .then(() => queue.close())
      .catch((error: Error) => {
        void queue.close().catch(() => undefined);
        this.logger.warn(
          `Could not limit ${queueName} to ${concurrency} job(s) at a time: ${error.message}; trying again in 10 s`,
        );
        this.retryTimers.push(setTimeout(() => this.limitGlobally(queueName, concurrency), 10_000).unref());
      });
  }

  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.retryTimers) clearTimeout(timer);
    // Leaves the rest of SHUTDOWN_GRACE_MS to closing connections; main.ts exits when it is over.
    const graceMs = Math.max(this.config.shutdownGraceMs / 2, this.config.shutdownGraceMs - 2000);
    await closeWorkersWithin(this.workers, graceMs, this.logger);
  }
}
