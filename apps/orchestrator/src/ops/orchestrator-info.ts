import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { SNAPSHOT_COMPONENTS, type SnapshotComponent } from '@app/snapshot-planning';

/** One component API of the daemon as GET / shows it. */
export class ComponentInfo {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: 'integer', description: 'Port of its Backup Management API' })
  port!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Snapshot repository; null: not configured' })
  repository!: string | null;

  @ApiProperty({ example: '8.8.0', description: 'Camunda version in its snapshot names' })
  version!: string;

  @ApiPropertyOptional({ type: 'integer', description: 'Parts (snapshots) of one backup' })
  parts?: number;
}

/** GET / on the orchestrator port. */
@ApiExtraModels(ComponentInfo)
export class OrchestratorInfo {
  @ApiProperty({ example: 'camunda-backup-orchestrator' })
  name!: string;

  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(
      SNAPSHOT_COMPONENTS.map((component) => [
        component,
        { allOf: [{ $ref: getSchemaPath(ComponentInfo) }] },
      ]),
    ),
    required: [...SNAPSHOT_COMPONENTS],
    selfRequired: true,
  })
  components!: Record<SnapshotComponent, ComponentInfo>;
}
