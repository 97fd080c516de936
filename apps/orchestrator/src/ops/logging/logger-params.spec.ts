import { REQUEST_SERIALIZERS, requestLogLevel } from './logger-params.js';
import { finalLineOf } from './outcome-log.observer.js';

describe('request log lines', () => {
  it('are info up to 4xx and error for 5xx or an error', () => {
    expect(requestLogLevel(200)).toBe('info');
    expect(requestLogLevel(404)).toBe('info');
    expect(requestLogLevel(409)).toBe('info');
    expect(requestLogLevel(503)).toBe('error');
    expect(requestLogLevel(200, new Error('socket hang up'))).toBe('error');
  });

  it('carry no headers', () => {
    expect(
      REQUEST_SERIALIZERS.req({
        id: 1,
        method: 'GET',
        url: '/actuator/backups',
        remoteAddress: '127.0.0.1',
        headers: { authorization: 'Bearer secret' },
      } as never),
    ).toEqual({ id: 1, method: 'GET', url: '/actuator/backups', remoteAddress: '127.0.0.1' });
    expect(REQUEST_SERIALIZERS.res({ statusCode: 200, headers: { 'set-cookie': 'x' } } as never)).toEqual({
      statusCode: 200,
    });
  });
});

describe('final lines of backups and restores', () => {
  it('carry state, duration and backup ID as fields, error when FAILED', () => {
    expect(
      finalLineOf('operate', {
        component: 'operate',
        backupId: '5',
        outcome: 'FAILED',
        reason: 'Part 2 of 6 ended PARTIAL',
        durationMs: 1500,
      }),
    ).toEqual({
      level: 'error',
      line: {
        msg: 'operate backup 5 ended FAILED in 1.5 s: Part 2 of 6 ended PARTIAL',
        component: 'operate',
        backupId: '5',
        state: 'FAILED',
        durationMs: 1500,
        failureReason: 'Part 2 of 6 ended PARTIAL',
      },
    });
    expect(
      finalLineOf('restore', {
        backupId: '7',
        outcome: 'COMPLETED',
        acceptedAt: 0,
        finishedAt: 1,
        durationMs: 61_000,
      }),
    ).toEqual({
      level: 'log',
      line: {
        msg: 'Restore of backup 7 ended COMPLETED in 1 min 1 s',
        component: 'restore',
        backupId: '7',
        state: 'COMPLETED',
        durationMs: 61_000,
      },
    });
  });
});
