import { ApiProperty } from '@nestjs/swagger';
import type { LastRunView, RetentionView, ScheduleView } from './schedule-job.js';

// The documented shapes of /api/v1/schedules: classes implementing the service's types, so a field
// the service adds or retypes without its schema does not compile.

const BACKUP_ID = { type: 'integer', format: 'int64' } as const;

class RetentionOutcome implements RetentionView {
  @ApiProperty({ type: 'array', items: BACKUP_ID, description: 'The backups retention deleted' })
  deleted!: bigint[];

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
}

class RetentionRule {
  @ApiProperty({ type: 'integer', nullable: true, description: 'BACKUP_RETENTION_COUNT' })
  count!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'BACKUP_RETENTION_MAX_AGE' })
  maxAge!: string | null;
}

class LastRun implements LastRunView {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({
    description:
      'SKIPPED, ERROR, DELETED (the backup is gone since), UNKNOWN (its record is unreadable), or the started backup’s state',
    example: 'COMPLETED',
  })
  outcome!: string;

  @ApiProperty({ ...BACKUP_ID, nullable: true })
  backupId!: bigint | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: RetentionOutcome, nullable: true })
  retention!: RetentionOutcome | null;
}

/** One schedule (BACKUP_SCHEDULE) as GET /api/v1/schedules shows it. */
export class Schedule implements ScheduleView {
  @ApiProperty({ example: 'coordinated' })
  name!: string;

  @ApiProperty({ description: 'BACKUP_SCHEDULE' })
  cron!: string;

  @ApiProperty({ example: 'UTC' })
  timeZone!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextRunAt!: string | null;

  @ApiProperty({ type: RetentionRule })
  retention!: RetentionRule;

  @ApiProperty({ type: LastRun, nullable: true })
  lastRun!: LastRun | null;
}

/** POST /api/v1/schedules/{name}/run: the backup the run started and what retention did. */
export class ScheduleRunAccepted {
  @ApiProperty({ example: 'coordinated' })
  schedule!: string;

  @ApiProperty(BACKUP_ID)
  backupId!: bigint;

  @ApiProperty({ type: RetentionOutcome, nullable: true })
  retention!: RetentionOutcome | null;
}
