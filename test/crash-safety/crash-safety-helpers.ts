import { parseSnapshotName } from '@app/snapshot-planning';
import { BackupApiClient } from '../orchestrator/backup-api-client.js';
import { type Component, EXPECTATIONS, partNames } from '../orchestrator/component-expectations.js';
import type { DaemonHandle } from '../support/daemon.js';
import type { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { waitFor } from '../support/processes.js';

/** Settings that make crash recovery observable in seconds instead of a minute. */
export const FAST_RECOVERY_ENV = {
  BACKUP_JOB_LOCK_MS: '2000',
  BACKUP_STALLED_CHECK_MS: '1000',
  BACKUP_POLL_MAX_INTERVAL_MS: '100',
  SHUTDOWN_GRACE_MS: '5000',
};

export function apiOf(daemon: DaemonHandle, component: Component): BackupApiClient {
  return new BackupApiClient(daemon.componentUrl(component));
}

/** Names of this backup's snapshots in the repository. */
export async function partsInDatastore(
  datastore: DatastoreUnderTest,
  repository: string,
  component: Component,
  backupId: string,
): Promise<string[]> {
  return (await datastore.snapshotNames(repository)).filter((name) => {
    const parsed = parseSnapshotName(name);
    return parsed?.component === component && parsed.backupId === BigInt(backupId);
  });
}

/**
 * The promise: an accepted backup ends COMPLETE(D) with exactly its N parts, or FAILED with a
 * reason; nothing else of it lies around in the repository. Returns the final body.
 */
export async function expectSettledHonestly(
  api: BackupApiClient,
  datastore: DatastoreUnderTest,
  repository: string,
  component: Component,
  backupId: string,
  timeoutMs = 45_000,
): Promise<any> {
  const final = await api.waitUntilFinished(backupId, timeoutMs);
  const parts = await partsInDatastore(datastore, repository, component, backupId);
  const expected = EXPECTATIONS[component];
  if (final.state === expected.completeState) {
    expect(parts).toEqual(partNames(component, backupId));
    expect(final.details.map((d: any) => d.state)).toEqual(Array(expected.parts).fill('SUCCESS'));
  } else {
    expect(final.state).toBe('FAILED');
    expect(final.failureReason).toEqual(expect.any(String));
    expect(final.failureReason.length).toBeGreaterThan(10);
    // Whatever exists is a prefix of the plan: no part twice, none out of order.
    expect(parts).toEqual(partNames(component, backupId).slice(0, parts.length));
  }
  return final;
}

export async function waitForPart(
  datastore: DatastoreUnderTest,
  repository: string,
  name: string,
  state?: 'IN_PROGRESS' | 'SUCCESS',
): Promise<void> {
  await waitFor(
    `${name}${state ? ` ${state}` : ''}`,
    async () => {
      const { status, json } = await datastore.request('GET', `/_snapshot/${repository}/${name}`);
      return status === 200 && (!state || json.snapshots[0].state === state);
    },
    { timeoutMs: 20_000, intervalMs: 20 },
  );
}
