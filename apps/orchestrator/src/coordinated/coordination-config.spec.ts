import { parseDuration, readCoordinationConfig } from './coordination-config.js';

describe('coordination configuration', () => {
  it('has defaults that skip Zeebe and schedule nothing', () => {
    const problems: string[] = [];
    const config = readCoordinationConfig({}, problems, 'shared');
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      zeebeManagementUrl: undefined,
      zeebeRecordsRepository: 'shared',
      zeebeRecordsIndexPattern: 'zeebe-record*',
      schedule: undefined,
      retentionCount: undefined,
      retentionMaxAgeMs: undefined,
    });
  });

  it('reads every variable', () => {
    const problems: string[] = [];
    const config = readCoordinationConfig(
      {
        ZEEBE_MANAGEMENT_URL: 'http://gateway:9600/',
        ZEEBE_RECORDS_BACKUP_REPOSITORY_NAME: 'records',
        BACKUP_SCHEDULE: '*/2 * * * * *',
        BACKUP_RETENTION_COUNT: '3',
        BACKUP_RETENTION_MAX_AGE: '7d',
        ZEEBE_PAUSE_LEASE_MS: '2000',
      },
      problems,
      undefined,
    );
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      zeebeManagementUrl: 'http://gateway:9600',
      zeebeRecordsRepository: 'records',
      schedule: '*/2 * * * * *',
      retentionCount: 3,
      retentionMaxAgeMs: 7 * 86_400_000,
      zeebePauseLeaseMs: 2000,
    });
  });

  it('names each invalid variable', () => {
    const problems: string[] = [];
    readCoordinationConfig(
      {
        ZEEBE_MANAGEMENT_URL: 'gateway:9600',
        BACKUP_SCHEDULE: 'every day',
        BACKUP_RETENTION_COUNT: '0',
        BACKUP_RETENTION_MAX_AGE: '7 days',
        ZEEBE_RECORDS_INDEX_PREFIX: 'Zeebe',
      },
      problems,
      undefined,
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'ZEEBE_MANAGEMENT_URL',
      'ZEEBE_RECORDS_INDEX_PREFIX',
      'BACKUP_SCHEDULE',
      'BACKUP_RETENTION_MAX_AGE',
      'BACKUP_RETENTION_COUNT',
    ]);
  });

  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('45m')).toBe(2_700_000);
    expect(parseDuration('0d')).toBeUndefined();
    expect(parseDuration('1w')).toBeUndefined();
  });
});
