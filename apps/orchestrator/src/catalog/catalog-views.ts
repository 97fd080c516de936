import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  SNAPSHOT_COMPONENTS,
  type SnapshotComponent,
  type SnapshotGeneration,
  type SnapshotState,
} from '@app/snapshot-planning';
import type { PartDetail } from '../backup/backup-view.js';
import type { CoordinatedState, StepState } from '../coordinated/coordinated-state.js';
import { STEP_NAMES, type StepName } from '../coordinated/coordinated-steps.js';
import type { CatalogComponent, CatalogEntry, CatalogKind, CatalogTrigger } from './catalog-entry.js';
import type { CatalogDescription, CatalogPage } from './backup-inventory.service.js';

// The documented shapes of /api/v1/backups: classes implementing the service's types, so a field
// the services add or retype without its schema does not compile.

const BACKUP_STATES = ['COMPLETED', 'IN_PROGRESS', 'FAILED', 'INCOMPATIBLE', 'INCOMPLETE'] as const;
const STEP_STATES = ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'SKIPPED', 'FAILED'] as const;
const BACKUP_ID = { type: 'integer', format: 'int64' } as const;
const NULLABLE_TIME = { type: String, format: 'date-time', nullable: true } as const;

class PartDetailView implements PartDetail {
  @ApiProperty()
  snapshotName!: string;

  @ApiProperty({ enum: ['IN_PROGRESS', 'SUCCESS', 'FAILED', 'PARTIAL', 'INCOMPATIBLE'] })
  state!: SnapshotState;

  @ApiProperty(NULLABLE_TIME)
  startTime!: string | null;

  @ApiProperty({ type: [String], nullable: true })
  failures!: string[] | null;
}

class StepView {
  @ApiProperty({ enum: STEP_NAMES })
  step!: StepName;

  @ApiProperty({ enum: STEP_STATES })
  state!: StepState;

  @ApiProperty({ type: String, nullable: true, description: 'Why it failed or was skipped' })
  reason!: string | null;
}

class ZeebeInclusion {
  @ApiProperty()
  included!: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why Zeebe is not included' })
  reason?: string | null;
}

/** One component of a backup in the list. */
export class CatalogComponentView implements CatalogComponent {
  @ApiProperty({ enum: [...BACKUP_STATES, 'PENDING', 'SKIPPED'] })
  state!: CoordinatedState | 'PENDING' | 'SKIPPED';

  @ApiProperty({ type: String, nullable: true })
  failureReason!: string | null;

  @ApiProperty(NULLABLE_TIME)
  startedAt!: string | null;

  @ApiProperty(NULLABLE_TIME)
  finishedAt!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Sum of its snapshots’ sizes' })
  sizeBytes!: number | null;
}

class ZeebeRecordsSnapshotView {
  @ApiProperty({ type: String, nullable: true })
  repository!: string | null;

  @ApiProperty()
  snapshotName!: string;

  @ApiProperty({ type: String, nullable: true })
  state!: string | null;
}

class BrokerPartitionView {
  @ApiProperty({ type: 'integer' })
  partitionId!: number;

  @ApiProperty()
  state!: string;

  @ApiPropertyOptional()
  failureReason?: string;
}

class BrokerBackupView {
  @ApiProperty()
  state!: string;

  @ApiProperty({ type: String, nullable: true })
  failureReason!: string | null;

  @ApiProperty({ type: [BrokerPartitionView] })
  partitions!: BrokerPartitionView[];
}

/** One component of a backup in full: its parts, or for Zeebe its records snapshot and broker backup. */
export class ComponentDescription extends CatalogComponentView {
  [detail: string]: unknown;

  @ApiPropertyOptional({ type: [PartDetailView], description: 'The component’s snapshots (parts)' })
  details?: PartDetailView[];

  @ApiPropertyOptional({ type: ZeebeRecordsSnapshotView, description: 'Zeebe only' })
  recordsSnapshot?: ZeebeRecordsSnapshotView;

  @ApiPropertyOptional({ type: BrokerBackupView, nullable: true, description: 'Zeebe only' })
  brokerBackup?: BrokerBackupView | null;
}

/** One backup ID of the repository, whatever made it. */
@ApiExtraModels(CatalogComponentView, ComponentDescription)
export class CatalogEntryView implements CatalogEntry {
  @ApiProperty(BACKUP_ID)
  backupId!: bigint;

  @ApiProperty({
    enum: ['coordinated', 'component'],
    description: 'coordinated: made by the orchestrator API, CLI or schedule; component: by a component API',
  })
  kind!: CatalogKind;

  @ApiProperty({ enum: ['per-app', 'orchestration-cluster'] })
  generation!: SnapshotGeneration;

  @ApiProperty({ enum: ['api', 'cli', 'schedule'] })
  trigger!: CatalogTrigger;

  @ApiProperty({ enum: BACKUP_STATES })
  state!: CoordinatedState;

  @ApiProperty({ type: String, nullable: true })
  failureReason!: string | null;

  @ApiProperty(NULLABLE_TIME)
  acceptedAt!: string | null;

  @ApiProperty(NULLABLE_TIME)
  startedAt!: string | null;

  @ApiProperty(NULLABLE_TIME)
  finishedAt!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  durationMs!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  sizeBytes!: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(CatalogComponentView) },
    description: 'By component name (zeebe included)',
  })
  components!: Record<string, CatalogComponentView>;
}

/** GET /api/v1/backups: a page of the newest matching backups. */
export class CatalogPageView implements CatalogPage {
  @ApiProperty({ type: [CatalogEntryView] })
  backups!: CatalogEntryView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `before` for the next page; null on the last one',
  })
  nextBefore!: string | null;
}

/** GET /api/v1/backups/{id}: one backup with every part, step and Zeebe's inclusion. */
export class BackupDescription extends CatalogEntryView implements CatalogDescription {
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ComponentDescription) },
    description: 'By component name (zeebe included)',
  })
  declare components: Record<string, ComponentDescription>;

  @ApiProperty({ description: 'Every step has run (the state can be FAILED before that)' })
  finished!: boolean;

  @ApiProperty({ type: ZeebeInclusion })
  zeebe!: CatalogDescription['zeebe'];

  @ApiProperty({ type: [StepView], description: 'Empty for backups made through a component API' })
  steps!: StepView[];
}

/** POST /api/v1/backups: the accepted coordinated backup and the steps it will run. */
export class CoordinatedBackupAccepted {
  @ApiProperty(BACKUP_ID)
  backupId!: bigint;

  @ApiProperty({ enum: SNAPSHOT_COMPONENTS, isArray: true, description: 'Zeebe: see zeebe' })
  components!: SnapshotComponent[];

  @ApiProperty({ type: ZeebeInclusion })
  zeebe!: ZeebeInclusion;

  @ApiProperty({ enum: STEP_NAMES, isArray: true })
  steps!: StepName[];
}
