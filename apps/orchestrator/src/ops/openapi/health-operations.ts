import type { OperationNotes } from './describe-operations.js';

/** Notes for the health endpoints every listener serves. */
export const HEALTH_OPERATIONS: Record<string, OperationNotes> = {
  'get /actuator/health': {
    tag: 'health',
    summary: 'Datastore, Redis, snapshot repositories and queue, in Spring actuator shape (503 when DOWN)',
    responses: { 200: { description: '{"status":"UP","components":{…}}' }, 503: { description: 'DOWN' } },
  },
  'get /actuator/health/readiness': {
    tag: 'health',
    summary: 'Ready to serve backups: datastore, Redis and queue reachable (open even with management auth)',
    responses: { 200: { description: 'UP' }, 503: { description: 'DOWN' } },
  },
  'get /actuator/health/liveness': {
    tag: 'health',
    summary: 'The process is alive (open even with management auth)',
    responses: { 200: { description: 'UP' } },
  },
};
