/** Settings of coordinated backups, restores, Zeebe, schedules and retention (all optional). */
export interface CoordinationConfig {
  /** Zeebe gateway management API (ZEEBE_MANAGEMENT_URL); undefined = Zeebe steps are skipped. */
  zeebeManagementUrl?: string;
  /** Repository of the `camunda_zeebe_records_backup_{id}` snapshot. */
  zeebeRecordsRepository?: string;
  /** Index pattern of the exported Zeebe records (ZEEBE_RECORDS_INDEX_PREFIX + `*`). */
  zeebeRecordsIndexPattern: string;
  /** Longest one request to Zeebe may take (ZEEBE_REQUEST_TIMEOUT_MS). */
  zeebeRequestTimeoutMs: number;
  /** Longest a Zeebe backup may stay IN_PROGRESS (ZEEBE_BACKUP_TIMEOUT_MS). */
  zeebeBackupTimeoutMs: number;
  /** A paused exporting whose daemon stops renewing this lease is resumed by any daemon (ZEEBE_PAUSE_LEASE_MS). */
  zeebePauseLeaseMs: number;
  /** Cron pattern of scheduled coordinated backups (BACKUP_SCHEDULE). */
  schedule?: string;
  /** Keep at most this many coordinated backups (BACKUP_RETENTION_COUNT). */
  retentionCount?: number;
  /** Delete coordinated backups older than this (BACKUP_RETENTION_MAX_AGE). */
  retentionMaxAgeMs?: number;
}

type Env = Record<string, string | undefined>;

const DURATION_UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Reads the settings; every problem is pushed to `problems`, naming its variable. */
export function readCoordinationConfig(
  env: Env,
  problems: string[],
  sharedRepository: string | undefined,
): CoordinationConfig {
  const raw = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const positive = (name: string, fallback: number): number => {
    const value = raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1) {
      problems.push(`${name}: must be a positive whole number, got "${value}"`);
      return fallback;
    }
    return Number(value);
  };

  const zeebeManagementUrl = raw('ZEEBE_MANAGEMENT_URL');
  if (zeebeManagementUrl !== undefined && !/^https?:\/\/[^/]+/.test(zeebeManagementUrl)) {
    problems.push(
      `ZEEBE_MANAGEMENT_URL: must be an http:// or https:// URL of the gateway's management port, got "${zeebeManagementUrl}"`,
    );
  }
  const recordsPrefix = raw('ZEEBE_RECORDS_INDEX_PREFIX') ?? 'zeebe-record';
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(recordsPrefix)) {
    problems.push(`ZEEBE_RECORDS_INDEX_PREFIX: must be a lower-case index prefix, got "${recordsPrefix}"`);
  }
  const recordsRepository = raw('ZEEBE_RECORDS_BACKUP_REPOSITORY_NAME') ?? sharedRepository;
  if (recordsRepository !== undefined && /[\s,*"\\/<>|?#]/.test(recordsRepository)) {
    problems.push(
      `ZEEBE_RECORDS_BACKUP_REPOSITORY_NAME: "${recordsRepository}" is not a valid snapshot repository name`,
    );
  }

  const schedule = raw('BACKUP_SCHEDULE');
  if (schedule !== undefined && !isCronPattern(schedule)) {
    problems.push(
      `BACKUP_SCHEDULE: must be a cron pattern with 5 fields (minute precision) or 6 (second precision), got "${schedule}"`,
    );
  }
  let retentionMaxAgeMs: number | undefined;
  const maxAge = raw('BACKUP_RETENTION_MAX_AGE');
  if (maxAge !== undefined) {
    retentionMaxAgeMs = parseDuration(maxAge);
    if (retentionMaxAgeMs === undefined) {
      problems.push(
        `BACKUP_RETENTION_MAX_AGE: must be a duration like 30d, 12h, 45m or 90s, got "${maxAge}"`,
      );
    }
  }
  return {
    zeebeManagementUrl: zeebeManagementUrl?.replace(/\/+$/, ''),
    zeebeRecordsRepository: recordsRepository,
    zeebeRecordsIndexPattern: `${recordsPrefix}*`,
    zeebeRequestTimeoutMs: positive('ZEEBE_REQUEST_TIMEOUT_MS', 10_000),
    zeebeBackupTimeoutMs: positive('ZEEBE_BACKUP_TIMEOUT_MS', 60 * 60 * 1000),
    zeebePauseLeaseMs: positive('ZEEBE_PAUSE_LEASE_MS', 60_000),
    schedule,
    retentionCount:
      raw('BACKUP_RETENTION_COUNT') === undefined ? undefined : positive('BACKUP_RETENTION_COUNT', 1),
    retentionMaxAgeMs,
  };
}

/** `30d`, `12h`, `45m`, `90s` → milliseconds; undefined when malformed or zero. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * DURATION_UNITS_MS[match[2]!]!;
  return ms > 0 ? ms : undefined;
}

const CRON_FIELD = /^[\d*/,?LW#A-Za-z-]+$/;

function isCronPattern(text: string): boolean {
  const fields = text.split(/\s+/);
  return (fields.length === 5 || fields.length === 6) && fields.every((field) => CRON_FIELD.test(field));
}
