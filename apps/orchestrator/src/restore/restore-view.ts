import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RestoreComponent } from './restore-job.js';
import { RESTORE_COMPONENTS } from './restore.request.js';

const BACKUP_ID = { type: 'integer', format: 'int64', description: 'The backup restored' } as const;

/** One snapshot of a restore and how far it got. */
export class RestoreStepView {
  @ApiProperty({ enum: RESTORE_COMPONENTS })
  component!: RestoreComponent;

  @ApiProperty()
  snapshot!: string;

  @ApiProperty({ enum: ['PENDING', 'RESTORING', 'RESTORED', 'FAILED'] })
  state!: 'PENDING' | 'RESTORING' | 'RESTORED' | 'FAILED';

  @ApiProperty({ type: 'integer', nullable: true, description: 'Indices restored; null until RESTORED' })
  indices!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Documents restored; null until RESTORED' })
  documents!: number | null;
}

/** A restore as GET /api/v1/restores/{id} shows it. */
export class RestoreView {
  @ApiProperty(BACKUP_ID)
  backupId!: bigint;

  @ApiProperty({ enum: ['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED'] })
  state!: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

  @ApiProperty({ type: String, nullable: true })
  failureReason!: string | null;

  @ApiProperty({ enum: RESTORE_COMPONENTS, isArray: true })
  components!: RestoreComponent[];

  @ApiProperty({ type: 'integer', description: 'Existing indices deleted before restoring' })
  deletedIndices!: number;

  @ApiProperty({ format: 'date-time' })
  acceptedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ type: [RestoreStepView] })
  steps!: RestoreStepView[];
}

/** The answer to POST /api/v1/restores: what the accepted restore will do. */
export class RestoreAccepted {
  @ApiProperty(BACKUP_ID)
  backupId!: bigint;

  @ApiProperty({ enum: RESTORE_COMPONENTS, isArray: true })
  components!: RestoreComponent[];

  @ApiProperty({ type: 'integer', description: 'Existing indices the restore deletes first' })
  deletesExistingIndices!: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'Existing indices not in this backup, kept (web apps before Camunda 8.8.15)',
  })
  keptIndices?: string[];

  @ApiPropertyOptional({ description: 'Present with keptIndices' })
  warning?: string;

  @ApiProperty({ type: [String], description: 'The snapshots to restore, in order' })
  snapshots!: string[];
}
