import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export const CATALOG_COMPONENTS = ['optimize', 'operate', 'tasklist', 'webapps', 'zeebe'] as const;
export const CATALOG_STATES = ['COMPLETED', 'IN_PROGRESS', 'FAILED', 'INCOMPLETE', 'INCOMPATIBLE'] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** `GET /api/v1/backups` query: filters, then a page of the newest matching backups. */
export class CatalogQuery {
  @IsOptional()
  @IsIn(CATALOG_COMPONENTS, { message: `component must be one of ${CATALOG_COMPONENTS.join(', ')}` })
  component?: (typeof CATALOG_COMPONENTS)[number];

  @IsOptional()
  @IsIn(CATALOG_STATES, { message: `state must be one of ${CATALOG_STATES.join(', ')}` })
  state?: (typeof CATALOG_STATES)[number];

  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'since must be an ISO-8601 date or date-time, e.g. 2026-12-01T00:00:00Z' },
  )
  since?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  @Min(1, { message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` })
  limit?: number;

  /** The page after another: only backup IDs below this one (the previous answer's `nextBefore`). */
  @IsOptional()
  @Matches(/^\d{1,19}$/, {
    message: 'before must be a backup ID (digits), e.g. the nextBefore of the previous page',
  })
  before?: string;
}
