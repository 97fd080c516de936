import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { RestoreComponent, RestoreView } from './restore-job.js';
import { RESTORE_COMPONENTS } from './restore.request.js';

const BACKUP_ID = { type: 'integer', format: 'int64', description: 'The backup restored' } as const;

// The documented shapes of /api/v1/restores: classes implementing the service's types, so a field
// the service adds or retypes without its schema does not compile.

type RestoreStep = RestoreView['steps'][number];

/** One snapshot of a restore and how far it got. */
@ApiSchema({ name: 'RestoreStepView' })
class RestoreStepSchema implements RestoreStep {
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
@ApiSchema({ name: 'RestoreView' })
export class RestoreViewSchema implements RestoreView {
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

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When a worker took it' })
  startedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ type: [RestoreStepSchema] })
  steps!: RestoreStepSchema[];
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
