import { toActuatorHealth } from './actuator-health.js';

describe('toActuatorHealth', () => {
  it('maps terminus results to the Spring actuator shape and status', () => {
    expect(
      toActuatorHealth({
        status: 'error',
        info: {},
        error: {},
        details: {
          redis: { status: 'up', pong: 'PONG' },
          datastore: { status: 'down', message: 'connect ECONNREFUSED' },
        },
      }),
    ).toEqual({
      httpStatus: 503,
      body: {
        status: 'DOWN',
        components: {
          redis: { status: 'UP', details: { pong: 'PONG' } },
          datastore: { status: 'DOWN', details: { message: 'connect ECONNREFUSED' } },
        },
      },
    });
    expect(toActuatorHealth({ status: 'ok', details: { queue: { status: 'up' } } }).body).toEqual({
      status: 'UP',
      components: { queue: { status: 'UP' } },
    });
  });

  it('nests the parts of a composite component under components', () => {
    const nested = { operate: { status: 'DOWN', details: { message: 'no COMPLETED backup' } } };
    expect(
      toActuatorHealth({
        status: 'error',
        details: { backupFreshness: { status: 'down', components: nested } },
      }),
    ).toEqual({
      httpStatus: 503,
      body: { status: 'DOWN', components: { backupFreshness: { status: 'DOWN', components: nested } } },
    });
  });
});
