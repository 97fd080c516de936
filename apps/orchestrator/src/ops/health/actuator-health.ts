import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { HealthCheckResult, HealthIndicatorResult } from '@nestjs/terminus';

/** A component; a composite one (backupFreshness) nests its parts under `components`. */
export class ActuatorComponent {
  @ApiProperty({ example: 'UP' })
  status!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  components?: Record<string, unknown>;
}

/** Spring Boot actuator's health body: `{"status":"UP","components":{"redis":{"status":"UP","details":{…}}}}`. */
@ApiExtraModels(ActuatorComponent)
export class ActuatorHealth {
  @ApiProperty({ enum: ['UP', 'DOWN', 'OUT_OF_SERVICE'] })
  status!: 'UP' | 'DOWN' | 'OUT_OF_SERVICE';

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ActuatorComponent) },
  })
  components?: Record<string, ActuatorComponent>;
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
