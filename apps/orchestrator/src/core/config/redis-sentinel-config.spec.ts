import { readOrchestratorConfig } from './orchestrator-config.js';

function read(env: Record<string, string>) {
  return readOrchestratorConfig({ HOST: '127.0.0.1', ...env });
}

describe('Redis Sentinel configuration', () => {
  it('is off unless REDIS_SENTINELS is set', () => {
    const { config, problems } = read({});
    expect(problems).toEqual([]);
    expect(config!.redisSentinel).toBeUndefined();
  });

  it('reads the Sentinels, the master group, their password and TLS', () => {
    const { config, problems } = read({
      REDIS_SENTINELS: 'sentinel-0:26379, sentinel-1:26380 ,10.0.0.3,[::1]:26381',
      REDIS_SENTINEL_MASTER: 'camunda-backup',
      REDIS_SENTINEL_PASSWORD: 's3cret',
      REDIS_SENTINEL_TLS: 'true',
      REDIS_URL: 'rediss://:data-pw@ignored:6379/2',
    });
    expect(problems).toEqual([]);
    expect(config!.redisSentinel).toEqual({
      sentinels: [
        { host: 'sentinel-0', port: 26379 },
        { host: 'sentinel-1', port: 26380 },
        { host: '10.0.0.3', port: 26379 },
        { host: '::1', port: 26381 },
      ],
      masterName: 'camunda-backup',
      password: 's3cret',
      tls: true,
    });
    expect(config!.redisUrl).toBe('rediss://:data-pw@ignored:6379/2');
  });

  it('needs the master group name with the Sentinels', () => {
    expect(read({ REDIS_SENTINELS: 'a:26379' }).problems).toEqual([
      'REDIS_SENTINEL_MASTER: must be set together with REDIS_SENTINELS',
    ]);
    expect(read({ REDIS_SENTINELS: 'a:26379', REDIS_SENTINEL_MASTER: 'my master' }).problems).toEqual([
      'REDIS_SENTINEL_MASTER: must be a master group name without white space, got "my master"',
    ]);
  });

  it('refuses Sentinel settings without Sentinels rather than ignoring them', () => {
    expect(read({ REDIS_SENTINEL_MASTER: 'm', REDIS_SENTINEL_PASSWORD: 'p' }).problems).toEqual([
      'REDIS_SENTINELS: must be set when REDIS_SENTINEL_MASTER, REDIS_SENTINEL_PASSWORD is set',
    ]);
    expect(read({ REDIS_SENTINEL_TLS: 'true' }).problems).toEqual([
      'REDIS_SENTINELS: must be set when REDIS_SENTINEL_TLS is set',
    ]);
    expect(
      read({ REDIS_SENTINEL_TLS: 'yes', REDIS_SENTINELS: 'a', REDIS_SENTINEL_MASTER: 'm' }).problems,
    ).toEqual(['REDIS_SENTINEL_TLS: must be true or false, got "yes"']);
  });

  it.each([
    ['redis://sentinel:26379', '"redis://sentinel:26379" is not a host:port address'],
    ['a:0', '"a:0" is not a host:port address'],
    ['a:70000', '"a:70000" is not a host:port address'],
    ['a:26379:1', '"a:26379:1" is not a host:port address'],
    ['::1', '"::1" is not a host:port address'],
    [' , ', 'must list at least one host:port'],
  ])('names REDIS_SENTINELS for %j', (sentinels, message) => {
    const { config, problems } = read({ REDIS_SENTINELS: sentinels, REDIS_SENTINEL_MASTER: 'm' });
    expect(config).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^REDIS_SENTINELS: /);
    expect(problems[0]).toContain(message);
  });

  it('keeps credentials out of its messages', () => {
    const { problems } = read({
      REDIS_SENTINELS: 'redis://user:topsecret@sentinel:26379',
      REDIS_SENTINEL_MASTER: 'm',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toContain('topsecret');
  });
});

describe('REDIS_ACCEPT_REPLICAS', () => {
  it('is 1 with Sentinel and 0 without, unless set', () => {
    const sentinel = { REDIS_SENTINELS: 'a:26379', REDIS_SENTINEL_MASTER: 'm' };
    expect(read({}).config!.redisAcceptReplicas).toBe(0);
    expect(read(sentinel).config!.redisAcceptReplicas).toBe(1);
    expect(read({ ...sentinel, REDIS_ACCEPT_REPLICAS: '0' }).config!.redisAcceptReplicas).toBe(0);
    expect(read({ REDIS_ACCEPT_REPLICAS: '2' }).config!.redisAcceptReplicas).toBe(2);
    expect(read({ REDIS_ACCEPT_REPLICAS: '-1' }).problems).toEqual([
      'REDIS_ACCEPT_REPLICAS: must be a whole number ≥ 0, got "-1"',
    ]);
  });
});
