import { COORDINATED_QUEUE } from '../jobs/queue-names.js';
import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ORCHESTRATOR_CONFIG } from '../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../core/config/orchestrator-config.js';
import { ZEEBE_CLIENT } from '../zeebe/zeebe-client.provider.js';
import type { ZeebeManagementClient } from '../zeebe/zeebe-management-client.js';
import { stepJobId } from './coordinated-steps.js';
import { CoordinatedStore } from './coordinated-store.js';

/**
 * Resumes Zeebe exporting that a dead daemon left paused. The daemon running a coordinated backup
 * renews a lease (ZEEBE_PAUSE_LEASE_MS) while its steps run; when the lease has been gone for another
 * lease period with exporting still claimed as paused, any daemon resumes exporting and marks the backup as failed (its later
 * steps then skip themselves) unless it had already reached its final resume step.
 */
@Injectable()
export class ExportingWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExportingWatchdog.name);
  private timer?: NodeJS.Timeout;
  private checking = false;
  /** The last check failed: its error was logged once, the next success says so. */
  private failing = false;
  /** When this daemon first saw the lease of the pausing backup gone (with Redis reachable since). */
  private expiredSeen?: { backupId: bigint; at: number };

  constructor(
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeManagementClient | null,
    @Inject(CoordinatedStore) private readonly store: CoordinatedStore,
    @InjectQueue(COORDINATED_QUEUE) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.zeebe) return;
    const intervalMs = Math.max(100, Math.floor(this.config.coordination.zeebePauseLeaseMs / 2));
    this.timer = setInterval(() => void this.check(), intervalMs);
    void this.check();
  }

  async check(): Promise<void> {
    // Before its Redis connection is up there is nothing to check yet (no error at start-up).
    if (this.checking || !this.zeebe || !this.store.connected) return;
    this.checking = true;
    try {
      const owner = await this.store.pauseOwner();
      if (this.failing) this.logger.log('Checking for a paused Zeebe exporting works again');
      this.failing = false;
      if (!owner || owner.leaseAlive) {
        this.expiredSeen = undefined;
        return;
      }
      // A lease also runs out while Redis is unreachable (an outage, a failover) though the daemon
      // running the backup is alive: give it one more lease period with Redis reachable to renew.
      const now = Date.now();
      if (this.expiredSeen?.backupId !== owner.backupId) {
        this.expiredSeen = { backupId: owner.backupId, at: now };
        return;
      }
      if (now - this.expiredSeen.at < this.config.coordination.zeebePauseLeaseMs) return;
      this.expiredSeen = undefined;
      const reason = `The daemon running it stopped while Zeebe exporting was paused (no lease renewal within ZEEBE_PAUSE_LEASE_MS=${this.config.coordination.zeebePauseLeaseMs} ms); exporting was resumed and the backup abandoned`;
      if (!(await this.reachedResumeStep(owner.backupId))) await this.store.abort(owner.backupId, reason);
      await this.zeebe.resumeExporting();
      if (await this.store.releasePause(owner.backupId, true)) {
        this.logger.warn(`Coordinated backup ${owner.backupId}: ${reason}`);
      }
    } catch (error) {
      this.expiredSeen = undefined;
      if (!this.failing) {
        this.logger.error(
          `Could not check or resume a paused Zeebe exporting: ${(error as Error).message}; retrying until it works`,
        );
      }
      this.failing = true;
    } finally {
      this.checking = false;
    }
  }

  private async reachedResumeStep(backupId: bigint): Promise<boolean> {
    const job = await this.queue.getJob(stepJobId(backupId, 'resume-exporting'));
    const state = job ? await job.getState() : 'unknown';
    return state !== 'waiting-children' && state !== 'unknown';
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
