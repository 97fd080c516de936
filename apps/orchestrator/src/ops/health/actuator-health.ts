import type { HealthCheckResult, HealthIndicatorResult } from '@nestjs/terminus';

/** Spring Boot actuator's health body: `{"status":"UP","components":{"redis":{"status":"UP","details":{…}}}}`. */
export interface ActuatorHealth {
  status: 'UP' | 'DOWN' | 'OUT_OF_SERVICE';
  components?: Record<string, ActuatorComponent>;
}

/** A component; a composite one (backupFreshness) nests its parts under `components`. */
export interface ActuatorComponent {
  status: string;
  details?: Record<string, unknown>;
  components?: Record<string, unknown>;
}

const OVERALL = { ok: 'UP', degraded: 'UP', error: 'DOWN', shutting_down: 'OUT_OF_SERVICE' } as const;

/** Terminus's result in actuator shape, with the HTTP status Spring would answer (503 unless UP). */
export function toActuatorHealth(result: HealthCheckResult): { httpStatus: number; body: ActuatorHealth } {
  const status = OVERALL[result.status];
  const components: NonNullable<ActuatorHealth['components']> = {};
  for (const [name, indicator] of Object.entries(result.details as HealthIndicatorResult)) {
    const { status: indicatorStatus, components: nested, ...details } = indicator;
    components[name] = {
      status: indicatorStatus === 'down' ? 'DOWN' : 'UP',
      ...(Object.keys(details).length > 0 ? { details } : {}),
      ...(typeof nested === 'object' && nested !== null
        ? { components: nested as Record<string, unknown> }
        : {}),
    };
  }
  return { httpStatus: status === 'UP' ? 200 : 503, body: { status, components } };
}
