import { Logger } from '@nestjs/common';
import { DatastoreError } from '@app/datastore';
import { DomainError } from '../core/errors/domain-error.js';
import { retryTransient } from './transient-retry.js';

const quiet = new Logger('test');
quiet.warn = () => undefined;

describe('retryTransient', () => {
  it('retries transient failures until the work succeeds', async () => {
    let calls = 0;
    const result = await retryTransient(
      'reading',
      async () => {
        calls++;
        if (calls < 3) throw new DatastoreError('unreachable', 'connection refused');
        return 'ok';
      },
      {
        datastore: { toleranceMs: 5000, settingName: 'LIMIT' },
        redis: { toleranceMs: 5000, settingName: 'REDIS_LIMIT' },
      },
      quiet,
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('passes permanent failures through at once', async () => {
    let calls = 0;
    const failing = retryTransient(
      'reading',
      async () => {
        calls++;
        throw new DatastoreError('repository_missing', '[r] missing');
      },
      {
        datastore: { toleranceMs: 5000, settingName: 'LIMIT' },
        redis: { toleranceMs: 5000, settingName: 'REDIS_LIMIT' },
      },
      quiet,
    );
    await expect(failing).rejects.toMatchObject({ kind: 'repository_missing' });
    expect(calls).toBe(1);
  });

  it('gives up after the tolerance, naming the setting that bounds it', async () => {
    const failing = retryTransient(
      'creating part 1',
      async () => {
        throw new DatastoreError('unavailable', '503');
      },
      {
        datastore: { toleranceMs: 250, settingName: 'BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS' },
        redis: { toleranceMs: 250, settingName: 'REDIS_LIMIT' },
      },
      quiet,
    );
    await expect(failing).rejects.toThrow(/creating part 1: .*BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS=250/);
  });

  it('waits out a Redis outage within its own tolerance', async () => {
    let calls = 0;
    const bounds = {
      datastore: { toleranceMs: 5000, settingName: 'DATASTORE_LIMIT' },
      redis: { toleranceMs: 250, settingName: 'REDIS_LIMIT' },
    };
    const result = await retryTransient(
      'claiming',
      async () => {
        calls++;
        if (calls < 2) throw new DomainError('queue_unavailable', 'Stream is not writeable');
        return 'ok';
      },
      bounds,
      quiet,
    );
    expect(result).toBe('ok');
    const failing = retryTransient(
      'claiming',
      async () => {
        throw new DomainError('queue_unavailable', 'Stream is not writeable');
      },
      bounds,
      quiet,
    );
    await expect(failing).rejects.toMatchObject({ kind: 'queue_unavailable' });
    await expect(failing).rejects.toThrow(/REDIS_LIMIT=250/);
  });
});
