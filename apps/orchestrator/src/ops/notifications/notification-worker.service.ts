import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { ORCHESTRATOR_CONFIG } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { JobWorkers } from '../../jobs/job-workers.js';
import { NOTIFICATION_QUEUE } from '../../jobs/queue-names.js';
import { webhookBody } from './notification.js';
import {
  type NotificationJobData,
  parseNotificationJobData,
  webhookId,
  webhookLabel,
} from './notification-job.js';
import { DELIVERY_OPTIONS } from './notifier.service.js';

/** Longest one POST to a webhook may take. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Delivers notifications: one POST per job in NOTIFY_WEBHOOK_FORMAT. A receiver that is down, slow,
 * or answers 5xx/408/429 gets the notification again later (the job's backoff); another 4xx is
 * final (the request itself is wrong, repeating it cannot help).
 */
@Injectable()
export class NotificationWorker implements OnModuleInit {
  private readonly logger = new Logger('Notifications');
  private readonly urls: Map<string, string>;

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(JobWorkers) private readonly workers: JobWorkers,
  ) {
    this.urls = new Map(config.operations.notify.webhookUrls.map((url) => [webhookId(url), url]));
  }

  onModuleInit(): void {
    this.workers.register<NotificationJobData, { status: number }>({
      queue: NOTIFICATION_QUEUE,
      parseData: parseNotificationJobData,
      process: (job, data) => this.deliver(job, data),
      concurrency: 4,
      // Each failed attempt is logged here, with what happens next.
      isQuietFailure: () => true,
      describe: (job) => `Notification ${job.data.notification.event} of ${job.data.notification.component}`,
    });
  }

  private async deliver(
    job: Job<NotificationJobData>,
    data: NotificationJobData,
  ): Promise<{ status: number }> {
    const { notification } = data;
    const url = this.urls.get(data.webhook);
    const what = `the ${notification.event} notification of ${notification.component}${notification.backupId ? ` ${notification.backupId}` : ''}`;
    if (!url) {
      this.logger.warn(`Not delivering ${what}: its webhook is no longer in NOTIFY_WEBHOOK_URLS`);
      throw new UnrecoverableError('the webhook is no longer configured');
    }
    const fields = { component: notification.component, backupId: notification.backupId ?? undefined };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: webhookBody(notification, this.config.operations.notify.format),
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) {
        this.logger.log({
          msg: `Delivered ${what} to ${webhookLabel(url)} (attempt ${job.attemptsMade + 1})`,
          ...fields,
        });
        return { status: response.status };
      }
      const problem = `${webhookLabel(url)} answered ${response.status}`;
      if (
        response.status >= 400 &&
        response.status < 500 &&
        response.status !== 408 &&
        response.status !== 429
      ) {
        throw new UnrecoverableError(problem);
      }
      throw new Error(problem);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const message =
        error instanceof UnrecoverableError || (error as Error).message.includes(' answered ')
          ? (error as Error).message
          : `${webhookLabel(url)}: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
      const last =
        error instanceof UnrecoverableError ||
        job.attemptsMade + 1 >= (job.opts.attempts ?? DELIVERY_OPTIONS.attempts);
      if (last) this.logger.error({ msg: `Could not deliver ${what}: ${message}; giving up`, ...fields });
      else
        this.logger.warn({
          msg: `Could not deliver ${what} yet: ${message}; retrying with backoff`,
          ...fields,
        });
      throw error instanceof UnrecoverableError ? error : new Error(message);
    }
  }
}
