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
      { toleranceMs: 5000, settingName: 'LIMIT' },
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
      { toleranceMs: 5000, settingName: 'LIMIT' },
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
      { toleranceMs: 250, settingName: 'BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS' },
      quiet,
    );
    await expect(failing).rejects.toThrow(/creating part 1: .*BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS=250/);
  });

  it('waits out Redis being unavailable for a moment (a Sentinel failover), within the same bound', async () => {
    let calls = 0;
    const result = await retryTransient(
      'reading the job',
      async () => {
        calls++;
        if (calls < 3) throw new DomainError('queue_unavailable', 'Redis (the backup queue) is unavailable');
        return 'ok';
      },
      { toleranceMs: 5000, settingName: 'LIMIT' },
      quiet,
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);

    const failing = retryTransient(
      'reading the job',
      async () => {
        throw new DomainError('queue_unavailable', 'Redis (the backup queue) is unavailable');
      },
      { toleranceMs: 250, settingName: 'LIMIT' },
      quiet,
    );
    await expect(failing).rejects.toMatchObject({ kind: 'queue_unavailable' });
    await expect(failing).rejects.toThrow(
      /reading the job: Redis kept failing for \d+ ms \(limit LIMIT=250\)/,
    );
  });

  it('passes other domain errors through at once', async () => {
    let calls = 0;
    const failing = retryTransient(
      'accepting',
      async () => {
        calls++;
        throw new DomainError('conflict', 'exists');
      },
      { toleranceMs: 5000, settingName: 'LIMIT' },
      quiet,
    );
    await expect(failing).rejects.toMatchObject({ kind: 'conflict' });
    expect(calls).toBe(1);
  });
});
