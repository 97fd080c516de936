import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export const CATALOG_COMPONENTS = ['optimize', 'operate', 'tasklist', 'webapps', 'zeebe'] as const;
export const CATALOG_STATES = ['COMPLETED', 'IN_PROGRESS', 'FAILED', 'INCOMPLETE', 'INCOMPATIBLE'] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** `GET /api/v1/backups` query: filters, then a page of the newest matching backups. */
export class CatalogQuery {
  @ApiPropertyOptional({ enum: CATALOG_COMPONENTS, description: 'Only backups with this component' })
  @IsOptional()
  @IsIn(CATALOG_COMPONENTS, { message: `component must be one of ${CATALOG_COMPONENTS.join(', ')}` })
  component?: (typeof CATALOG_COMPONENTS)[number];

  @ApiPropertyOptional({ enum: CATALOG_STATES, description: 'Only backups in this state' })
  @IsOptional()
  @IsIn(CATALOG_STATES, { message: `state must be one of ${CATALOG_STATES.join(', ')}` })
  state?: (typeof CATALOG_STATES)[number];

  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00Z',
    description: 'Only backups accepted (or started) at or after this ISO-8601 date or date-time',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'since must be an ISO-8601 date or date-time, e.g. 2026-12-01T00:00:00Z' },
  )
  since?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: DEFAULT_PAGE_SIZE,
    description: 'Page size',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  @Min(1, { message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  limit?: number;

  @ApiPropertyOptional({
    pattern: '^[0-9]{1,19}$',
    description: "The page after another: only backup IDs below this one (the previous answer's nextBefore)",
  })
  @IsOptional()
  @Matches(/^\d{1,19}$/, {
    message: 'before must be a backup ID (digits), e.g. the nextBefore of the previous page',
  })
  before?: string;
}
