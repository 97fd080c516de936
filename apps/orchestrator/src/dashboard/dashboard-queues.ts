import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { type BullBoardInstance, InjectBullBoard } from '@bull-board/nestjs';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { COMPONENTS } from '@app/snapshot-planning';
import { BackupQueues } from '../backup/backup-queues.js';
import { ORCHESTRATOR_CONFIG } from '../config/config.tokens.js';
import type { OrchestratorConfig } from '../config/orchestrator-config.js';
import { backupJobName } from './backup-job-name.js';

/** Puts every enabled component's backup queue on the board, read-only, jobs named by backup. */
@Injectable()
export class DashboardQueues implements OnModuleInit {
  constructor(
    @InjectBullBoard() private readonly board: BullBoardInstance,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const config = this.moduleRef.get<OrchestratorConfig>(ORCHESTRATOR_CONFIG, { strict: false });
    const queues = this.moduleRef.get(BackupQueues, { strict: false });
    for (const component of COMPONENTS.filter((c) => config.components[c].enabled)) {
      const adapter = new BullMQAdapter(queues.queue(component), {
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
