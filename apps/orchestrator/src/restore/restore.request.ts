import { Allow, ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BACKUP_ID_SCHEMA } from '../core/http/api-responses.js';
import type { RestoreComponent } from './restore-job.js';

export const RESTORE_COMPONENTS = ['optimize', 'operate', 'tasklist', 'webapps', 'zeebe'] as const;

/** `POST /api/v1/restores` body; `backupId` is checked by parseBackupId (the component APIs' rule). */
export class RestoreRequest {
  @ApiProperty({ ...BACKUP_ID_SCHEMA, required: true })
  @Allow()
  backupId?: unknown;

  @ApiPropertyOptional({
    enum: RESTORE_COMPONENTS,
    isArray: true,
    minItems: 1,
    uniqueItems: true,
    description: 'The components to restore; default: every component of the backup',
  })
  @IsOptional()
  @IsArray({ message: 'components must be an array such as ["optimize","operate","tasklist","zeebe"]' })
  @ArrayNotEmpty({
    message: 'components must not be empty (leave it out to restore every component of the backup)',
  })
  @ArrayUnique({ message: 'components must not repeat a component' })
  @IsIn(RESTORE_COMPONENTS, {
    each: true,
    message: `each component must be one of ${RESTORE_COMPONENTS.join(', ')}`,
  })
  components?: RestoreComponent[];

  @ApiPropertyOptional({
    default: false,
    description: "Delete the components' existing indices first instead of refusing (409)",
  })
  @IsOptional()
  @IsBoolean({ message: 'deleteExistingIndices must be true or false' })
  deleteExistingIndices?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Restore even though the versions in the snapshot names differ from the configured ones',
  })
  @IsOptional()
  @IsBoolean({ message: 'allowVersionMismatch must be true or false' })
  allowVersionMismatch?: boolean;
}
