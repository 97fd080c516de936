import { Module } from '@nestjs/common';
import { BackupModule } from '../backup/backup.module.js';
import { CoordinatedModule } from '../coordinated/coordinated.module.js';
import { BackupInventory } from './backup-inventory.service.js';
import { BackupsController } from './backups.controller.js';
import { SnapshotSizes } from './snapshot-sizes.service.js';

/** The catalog of every backup (`/api/v1/backups`): coordinated ones and component ones, both generations. */
@Module({
  imports: [BackupModule, CoordinatedModule],
  controllers: [BackupsController],
  providers: [SnapshotSizes, BackupInventory],
  exports: [BackupInventory],
})
export class CatalogModule {}
