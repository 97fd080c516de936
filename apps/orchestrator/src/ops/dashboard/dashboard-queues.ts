import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { type BullBoardInstance, InjectBullBoard } from '@bull-board/nestjs';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { SNAPSHOT_COMPONENTS } from '@app/snapshot-planning';
import { BackupQueues } from '../../backup/backup-queues.js';
import { ORCHESTRATOR_CONFIG } from '../../core/config/config.tokens.js';
import type { OrchestratorConfig } from '../../core/config/orchestrator-config.js';
import { backupJobName } from './backup-job-name.js';

/** Puts every enabled component's backup queue on the board, read-only, jobs named by backup. */
@Injectable()
export class DashboardQueues implements OnModuleInit {
  constructor(
    @InjectBullBoard() private readonly board: BullBoardInstance,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
    @Inject(BackupQueues) private readonly queues: BackupQueues,
  ) {}

  onModuleInit(): void {
    for (const component of SNAPSHOT_COMPONENTS.filter((c) => this.config.components[c].enabled)) {
      const adapter = new BullMQAdapter(this.queues.queue(component), {
        // Retrying or removing a backup job by hand would bypass the API's rules: look, don't touch.
        readOnlyMode: true,
        displayName: `${component} backups`,
        description: `Backup jobs of ${component}; progress holds {partNo, partCount, snapshot}`,
      });
      adapter.setFormatter('name', backupJobName);
      this.board.addQueue(adapter);
    }
  }
}
