import { ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { BACKUP_ID_SCHEMA } from '../core/http/api-responses.js';

export const COORDINATED_COMPONENTS = ['optimize', 'operate', 'tasklist', 'webapps', 'zeebe'] as const;
export type CoordinatedComponent = (typeof COORDINATED_COMPONENTS)[number];

/** `POST /api/v1/backups` body; `backupId` is checked by parseBackupId (the component APIs' rule). */
export class CreateCoordinatedBackupRequest {
  @ApiPropertyOptional({
    ...BACKUP_ID_SCHEMA,
    description: `${BACKUP_ID_SCHEMA.description}; default: the next ID after the newest backup`,
  })
  @Allow()
  backupId?: unknown;

  @ApiPropertyOptional({
    enum: COORDINATED_COMPONENTS,
    isArray: true,
    minItems: 1,
    uniqueItems: true,
    description: 'The components to back up; default: every enabled component and Zeebe',
  })
  @IsOptional()
  @IsArray({
    message:
      'components must be an array such as ["optimize","operate","tasklist","zeebe"] (orchestration cluster: ["optimize","webapps","zeebe"])',
  })
  @ArrayNotEmpty({
    message: 'components must not be empty (leave it out to back up every enabled component)',
  })
  @ArrayUnique({ message: 'components must not repeat a component' })
  @IsIn(COORDINATED_COMPONENTS, {
    each: true,
    message: `each component must be one of ${COORDINATED_COMPONENTS.join(', ')}`,
  })
  components?: CoordinatedComponent[];

  @ApiPropertyOptional({
    enum: ['api', 'cli'],
    default: 'api',
    description: 'Recorded in the catalog; the `camunda-backup` CLI sends "cli"',
  })
  @IsOptional()
  @IsIn(['api', 'cli'], { message: 'trigger must be "api" or "cli"' })
  trigger?: 'api' | 'cli';
}
