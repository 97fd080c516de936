import { readOrchestratorConfig } from '../config/orchestrator-config.js';
import { describeRedis, RedisConnections, redisConnectionSettings } from './redis-connections.js';

function configOf(env: Record<string, string>) {
  const { config, problems } = readOrchestratorConfig({ HOST: '127.0.0.1', ...env });
  expect(problems).toEqual([]);
  return config!;
}

const SENTINEL_ENV = {
  REDIS_SENTINELS: 's0:26379,[::1]:26380',
  REDIS_SENTINEL_MASTER: 'camunda-backup',
  REDIS_URL: 'redis://backup:data-pw@unused:6379/3',
};

describe('redisConnectionSettings', () => {
  it('is REDIS_URL alone without Sentinel', () => {
    const config = configOf({ REDIS_URL: 'rediss://:pw@redis:6380' });
    expect(redisConnectionSettings(config, { failFast: true })).toEqual({
      url: 'rediss://:pw@redis:6380',
      options: {},
    });
    expect(describeRedis(config)).toBe('rediss://redis:6380');
  });

  it('asks the Sentinels for the primary, with the data nodes credentials from REDIS_URL', () => {
    const config = configOf({ ...SENTINEL_ENV, REDIS_SENTINEL_PASSWORD: 'sentinel-pw' });
    const { url, options } = redisConnectionSettings(config, { failFast: false });
    expect(url).toBe('redis://backup:data-pw@unused:6379/3');
    expect(options).toMatchObject({
      sentinels: [
        { host: 's0', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'camunda-backup',
      role: 'master',
      sentinelPassword: 'sentinel-pw',
    });
    expect(options).not.toHaveProperty('failoverDetector');
    expect(options.sentinelTLS).toBeUndefined();
    expect(options.enableTLSForSentinelMode).toBeUndefined();
    expect(options.sentinelRetryStrategy!(1)).toBe(100);
    expect(options.sentinelRetryStrategy!(50)).toBe(1000);
    expect(describeRedis(config)).toBe('master "camunda-backup" via Sentinel s0:26379, [::1]:26380');
    expect(describeRedis(config)).not.toContain('pw');
  });

  it('uses TLS to the data nodes for rediss:// and to the Sentinels for REDIS_SENTINEL_TLS', () => {
    const config = configOf({
      ...SENTINEL_ENV,
      REDIS_URL: 'rediss://:pw@unused:6379',
      REDIS_SENTINEL_TLS: 'true',
    });
    const { options } = redisConnectionSettings(config, { failFast: true });
    expect(options.enableTLSForSentinelMode).toBe(true);
    expect(options.sentinelTLS).toEqual({});
  });

  it('reconnects to the new primary on READONLY, resending the command only where waiting is fine', () => {
    const config = configOf(SENTINEL_ENV);
    const readOnly = new Error("READONLY You can't write against a read only replica.");
    const other = new Error('ERR unknown command');
    const failFast = redisConnectionSettings(config, { failFast: true }).options.reconnectOnError!;
    const patient = redisConnectionSettings(config, { failFast: false }).options.reconnectOnError!;
    expect(failFast(readOnly)).toBe(1);
    expect(patient(readOnly)).toBe(2);
    expect(failFast(other)).toBe(false);
  });
});

describe('BullMQ connections', () => {
  it('reconnect at most 2 s apart (BullMQ alone backs off to 20 s)', () => {
    const connections = new RedisConnections(configOf({ REDIS_URL: 'redis://127.0.0.1:6379' }));
    for (const failFast of [true, false]) {
      const { retryStrategy } = connections.bullConnection({ failFast }) as {
        retryStrategy: (attempt: number) => number;
      };
      expect([1, 5, 10, 20, 100].map((attempt) => retryStrategy(attempt))).toEqual([
        200, 1000, 2000, 2000, 2000,
      ]);
    }
    connections.onApplicationShutdown();
  });
});
