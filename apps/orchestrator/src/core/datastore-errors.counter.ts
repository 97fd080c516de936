import { Counter, register, type Registry } from 'prom-client';
import { METRIC } from '../ops/metrics/metric-names.js';

export type DatastoreErrorsCounter = Counter<'operation' | 'kind'>;

/** Datastore errors by operation and DatastoreError kind (one per process, in the given registry). */
export function datastoreErrorsCounter(registry: Registry = register): DatastoreErrorsCounter {
  const existing = registry.getSingleMetric(METRIC.datastoreErrors);
  if (existing) return existing as DatastoreErrorsCounter;
  return new Counter({
    name: METRIC.datastoreErrors,
    help: 'Failed datastore calls by operation and error kind (unreachable, unavailable, repository_missing, ...)',
    labelNames: ['operation', 'kind'],
    registers: [registry],
  });
}
