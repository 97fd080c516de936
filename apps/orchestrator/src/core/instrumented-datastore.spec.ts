import { createDatastore, DatastoreError } from '@app/datastore';
import { Registry } from 'prom-client';
import { datastoreErrorsCounter } from './datastore-errors.counter.js';
import { InstrumentedDatastore } from './instrumented-datastore.js';

describe('InstrumentedDatastore', () => {
  it('counts DatastoreErrors by operation and kind and rethrows them', async () => {
    const registry = new Registry();
    const inner = createDatastore({
      type: 'elasticsearch',
      urls: ['http://127.0.0.1:1'],
      requestTimeoutMs: 1000,
    });
    const datastore = new InstrumentedDatastore(inner, datastoreErrorsCounter(registry));
    await expect(datastore.clusterHealth()).rejects.toBeInstanceOf(DatastoreError);
    await expect(datastore.getSnapshots('repo', ['x'])).rejects.toMatchObject({ kind: 'unreachable' });
    const text = await registry.metrics();
    expect(text).toContain(
      'camunda_backup_datastore_errors_total{operation="clusterHealth",kind="unreachable"} 1',
    );
    expect(text).toContain(
      'camunda_backup_datastore_errors_total{operation="getSnapshots",kind="unreachable"} 1',
    );
    expect(datastore.flavor).toBe('elasticsearch');
    await datastore.close();
  });
});
