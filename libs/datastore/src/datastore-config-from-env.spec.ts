import { datastoreConfigFromEnv } from './datastore-config-from-env.js';

function problemsOf(env: Record<string, string>): string[] {
  const result = datastoreConfigFromEnv(env);
  return result.ok ? [] : result.problems;
}

describe('datastoreConfigFromEnv', () => {
  it('defaults to a local Elasticsearch, a 30 s request time-out and no client retries', () => {
    expect(datastoreConfigFromEnv({})).toEqual({
      ok: true,
      config: {
        type: 'elasticsearch',
        urls: ['http://localhost:9200'],
        requestTimeoutMs: 30000,
        maxRetries: 0,
      },
    });
  });

  it('reads every variable', () => {
    const result = datastoreConfigFromEnv({
      DATASTORE_TYPE: 'OpenSearch',
      DATASTORE_URL: 'https://a:9200, https://b:9200 ,',
      DATASTORE_USERNAME: 'admin',
      DATASTORE_PASSWORD: 'pw',
      DATASTORE_CA_FILE: '/etc/ca.pem',
      DATASTORE_REQUEST_TIMEOUT_MS: '5000',
      DATASTORE_MAX_RETRIES: '2',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        type: 'opensearch',
        urls: ['https://a:9200', 'https://b:9200'],
        username: 'admin',
        password: 'pw',
        caFile: '/etc/ca.pem',
        requestTimeoutMs: 5000,
        maxRetries: 2,
      },
    });
  });

  it('takes an API key for Elasticsearch and treats empty values as unset', () => {
    const result = datastoreConfigFromEnv({
      DATASTORE_API_KEY: 'a2V5',
      DATASTORE_USERNAME: '',
      DATASTORE_URL: ' ',
    });
    expect(result.ok && result.config).toMatchObject({ apiKey: 'a2V5', urls: ['http://localhost:9200'] });
    expect(result.ok && result.config.username).toBeUndefined();
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
    expect(problems[0]).toContain(variable);
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
