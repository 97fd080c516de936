import { formatDuration, parseDuration } from './env-reader.js';
import { readOrchestratorConfig } from './orchestrator-config.js';

function problemsOf(env: Record<string, string>): string[] {
  return readOrchestratorConfig({ HOST: '127.0.0.1', ...env }).problems;
}

describe('datastore configuration', () => {
  it('defaults to a local Elasticsearch, a 30 s request time-out and no client retries', () => {
    expect(readOrchestratorConfig({ HOST: '127.0.0.1' }).config!.datastore).toEqual({
      type: 'elasticsearch',
      urls: ['http://localhost:9200'],
      requestTimeoutMs: 30000,
      maxRetries: 0,
    });
  });

  it('reads every variable', () => {
    const { config } = readOrchestratorConfig({
      HOST: '127.0.0.1',
      DATASTORE_TYPE: 'OpenSearch',
      DATASTORE_URL: 'https://a:9200, https://b:9200 ,',
      DATASTORE_USERNAME: 'admin',
      DATASTORE_PASSWORD: 'pw',
      DATASTORE_CA_FILE: '/etc/ca.pem',
      DATASTORE_REQUEST_TIMEOUT_MS: '5000',
      DATASTORE_MAX_RETRIES: '2',
    });
    expect(config!.datastore).toEqual({
      type: 'opensearch',
      urls: ['https://a:9200', 'https://b:9200'],
      username: 'admin',
      password: 'pw',
      caFile: '/etc/ca.pem',
      requestTimeoutMs: 5000,
      maxRetries: 2,
    });
  });

  it('takes an API key for Elasticsearch and treats empty values as unset', () => {
    const { config } = readOrchestratorConfig({
      HOST: '127.0.0.1',
      DATASTORE_API_KEY: 'a2V5',
      DATASTORE_USERNAME: '',
      DATASTORE_URL: ' ',
    });
    expect(config!.datastore).toMatchObject({ apiKey: 'a2V5', urls: ['http://localhost:9200'] });
    expect(config!.datastore.username).toBeUndefined();
  });

  it.each([
    [{ DATASTORE_TYPE: 'solr' }, 'DATASTORE_TYPE'],
    [{ DATASTORE_URL: 'localhost:9200' }, 'DATASTORE_URL'],
    [{ DATASTORE_URL: 'http://ok:9200,ftp://files' }, 'DATASTORE_URL'],
    [{ DATASTORE_URL: ',' }, 'DATASTORE_URL'],
    [{ DATASTORE_PASSWORD: 'pw' }, 'DATASTORE_USERNAME'],
    [{ DATASTORE_USERNAME: 'admin' }, 'DATASTORE_PASSWORD'],
    [{ DATASTORE_API_KEY: 'k', DATASTORE_USERNAME: 'u', DATASTORE_PASSWORD: 'p' }, 'DATASTORE_API_KEY'],
    [{ DATASTORE_TYPE: 'opensearch', DATASTORE_API_KEY: 'k' }, 'DATASTORE_API_KEY'],
    [{ DATASTORE_REQUEST_TIMEOUT_MS: '0' }, 'DATASTORE_REQUEST_TIMEOUT_MS'],
    [{ DATASTORE_REQUEST_TIMEOUT_MS: '1.5' }, 'DATASTORE_REQUEST_TIMEOUT_MS'],
    [{ DATASTORE_MAX_RETRIES: '-1' }, 'DATASTORE_MAX_RETRIES'],
    [{ DATASTORE_MAX_RETRIES: 'three' }, 'DATASTORE_MAX_RETRIES'],
  ])('%j is a problem naming %s', (env, variable) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith(`${variable}: `)).toBe(true);
  });

  it('lists every problem at once', () => {
    expect(problemsOf({ DATASTORE_TYPE: 'x', DATASTORE_URL: 'nope', DATASTORE_PASSWORD: 'p' })).toHaveLength(
      3,
    );
  });

  it('never echoes a credential', () => {
    const problems = problemsOf({ DATASTORE_URL: 'ftp://elastic:s3cret@db:9200' });
    expect(problems[0]).toContain('ftp://db:9200');
    expect(problems.join()).not.toContain('s3cret');
  });
});

describe('coordination configuration', () => {
  it('has defaults that skip Zeebe and schedule nothing', () => {
    const { config, problems } = readOrchestratorConfig({
      HOST: '127.0.0.1',
      BACKUP_REPOSITORY_NAME: 'shared',
    });
    expect(problems).toEqual([]);
    expect(config!.coordination).toMatchObject({
      zeebeManagementUrl: undefined,
      zeebeRecordsRepository: 'shared',
      zeebeRecordsIndexPattern: 'zeebe-record*',
      schedule: undefined,
      retentionCount: undefined,
      retentionMaxAgeMs: undefined,
    });
  });

  it('reads every variable', () => {
    const { config, problems } = readOrchestratorConfig({
      HOST: '127.0.0.1',
      ZEEBE_MANAGEMENT_URL: 'http://gateway:9600/',
      ZEEBE_RECORDS_BACKUP_REPOSITORY_NAME: 'records',
      BACKUP_SCHEDULE: '*/2 * * * * *',
      BACKUP_RETENTION_COUNT: '3',
      BACKUP_RETENTION_MAX_AGE: '7d',
      ZEEBE_PAUSE_LEASE_MS: '2000',
    });
    expect(problems).toEqual([]);
    expect(config!.coordination).toMatchObject({
      zeebeManagementUrl: 'http://gateway:9600',
      zeebeRecordsRepository: 'records',
      schedule: '*/2 * * * * *',
      retentionCount: 3,
      retentionMaxAgeMs: 7 * 86_400_000,
      zeebePauseLeaseMs: 2000,
    });
  });

  it('names each invalid variable', () => {
    const problems = problemsOf({
      ZEEBE_MANAGEMENT_URL: 'gateway:9600',
      BACKUP_SCHEDULE: 'every day',
      BACKUP_RETENTION_COUNT: '0',
      BACKUP_RETENTION_MAX_AGE: '7 days',
      ZEEBE_RECORDS_INDEX_PREFIX: 'Zeebe',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'BACKUP_RETENTION_COUNT',
      'BACKUP_RETENTION_MAX_AGE',
      'BACKUP_SCHEDULE',
      'ZEEBE_MANAGEMENT_URL',
      'ZEEBE_RECORDS_INDEX_PREFIX',
    ]);
  });

  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('45m')).toBe(2_700_000);
    expect(parseDuration('0d')).toBeUndefined();
    expect(parseDuration('1w')).toBeUndefined();
  });

  it('formats durations back in the largest exact unit', () => {
    for (const text of ['90s', '45m', '26h', '30d', '1s'])
      expect(formatDuration(parseDuration(text)!)).toBe(text);
    expect(formatDuration(172_800_000)).toBe('2d');
    expect(formatDuration(1500)).toBe('1500ms');
  });
});
