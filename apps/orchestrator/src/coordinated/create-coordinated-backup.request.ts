import { Allow, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';

export const COORDINATED_COMPONENTS = ['optimize', 'operate', 'tasklist', 'webapps', 'zeebe'] as const;
export type CoordinatedComponent = (typeof COORDINATED_COMPONENTS)[number];

/** `POST /api/v1/backups` body; `backupId` is checked by parseBackupId (the component APIs' rule). */
export class CreateCoordinatedBackupRequest {
  @Allow()
  backupId?: unknown;

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

  /** Recorded in the catalog; the `camunda-backup` CLI sends "cli". */
  @IsOptional()
  @IsIn(['api', 'cli'], { message: 'trigger must be "api" or "cli"' })
  trigger?: 'api' | 'cli';
}
