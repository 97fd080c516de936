import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseSnapshotName } from '@app/snapshot-planning';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { apiOf, FAST_RECOVERY_ENV } from '../crash-safety/crash-safety-helpers.js';
import { type Component, EXPECTATIONS, partNames } from '../orchestrator/component-expectations.js';
import { DaemonHandle } from '../support/daemon.js';
import { DatastoreUnderTest } from '../support/datastore-under-test.js';
import { seededRandom } from './seeded-random.js';

const DURATION_MS = Number(process.env.SOAK_DURATION_MS ?? 120_000);
const SEED = Number(process.env.SOAK_SEED ?? Date.now() % 100_000);
const COMPONENTS: Component[] = ['optimize', 'operate', 'tasklist'];

interface Accepted {
  component: Component;
  id: string;
}

/**
 * Many backups at two daemons sharing Redis and the sandbox, with random faults: FAILED, PARTIAL and
 * hung parts, 503 bursts, daemon SIGKILLs and sandbox restarts. Every accepted backup must end
 * COMPLETE(D) with exactly its parts or FAILED with a reason; none abandoned, no part twice, nothing
 * stray in the repository.
 */
describe(`soak (${DURATION_MS} ms, SOAK_SEED=${SEED})`, () => {
  it('settles every accepted backup honestly under random faults', async () => {
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const datastore = await DatastoreUnderTest.start('elasticsearch', { SANDBOX_SNAPSHOT_MIN_MS: '60' });
    const repository = `cbo-soak-${randomUUID().slice(0, 8)}`;
    await seedCamundaIndices(datastore.url, { docsPerIndex: 2 });
    await datastore.createRepository(repository);
    const env = {
      BACKUP_REPOSITORY_NAME: repository,
      BACKUP_SNAPSHOT_TIMEOUT_MS: '3000',
      BACKUP_DATASTORE_OUTAGE_TOLERANCE_MS: '20000',
      ...FAST_RECOVERY_ENV,
    };
    const start = (queuePrefix?: string) =>
      DaemonHandle.start({ datastoreUrl: datastore.url, datastoreType: 'elasticsearch', env, queuePrefix });
    const daemons = [await start()];
    daemons.push(await start(daemons[0]!.queuePrefix));
    const accepted: Accepted[] = [];
    const events = { creates: 0, refused: 0, faults: 0, daemonKills: 0, sandboxRestarts: 0 };
    let nextId = 1;

    try {
      const deadline = Date.now() + DURATION_MS;
      while (Date.now() < deadline) {
        const dice = random();
        if (dice < 0.05) {
          const victim = Math.floor(random() * daemons.length);
          await daemons[victim]!.kill();
          daemons[victim] = await start(daemons[0 === victim ? 1 : 0]!.queuePrefix);
          events.daemonKills++;
        } else if (dice < 0.08) {
          await datastore.sandbox!.restart();
          events.sandboxRestarts++;
        } else if (dice < 0.25) {
          const component = pick(COMPONENTS);
          const outcome = pick(['FAILED', 'PARTIAL', 'HANG'] as const);
          const part = 1 + Math.floor(random() * EXPECTATIONS[component].parts);
          await datastore.injectSnapshotOutcome(outcome, `camunda_${component}_*_part_${part}_of_*`);
          events.faults++;
        } else if (dice < 0.3) {
          await datastore.request('POST', '/_sandbox/faults', {
            type: 'http_error',
            status: 503,
            count: 1 + Math.floor(random() * 5),
            path: `/_snapshot/${repository}/camunda_*_part_*`,
          });
          events.faults++;
        } else {
          const component = pick(COMPONENTS);
          const id = String(nextId++);
          const response = await apiOf(pick(daemons), component)
            .create(id)
            .catch(() => undefined);
          events.creates++;
          if (response?.status === EXPECTATIONS[component].createdStatus) accepted.push({ component, id });
          else events.refused++;
        }
        await sleep(50 + random() * 150);
      }

      await datastore.clearFaults();
      const settleDeadline = Date.now() + 90_000;
      const results = { completed: 0, failedWithReason: 0, abandoned: 0, duplicatedParts: 0, strayParts: 0 };
      for (const { component, id } of accepted) {
        const api = apiOf(daemons[0]!, component);
        let body: any;
        while (Date.now() < settleDeadline) {
          const got = await api.get(id);
          body = got.json;
          if (got.status === 200 && body.state !== 'IN_PROGRESS') break;
          await sleep(200);
        }
        const parts = (await datastore.snapshotNames(repository)).filter((name) => {
          const parsed = parseSnapshotName(name);
          return parsed?.component === component && parsed.backupId === BigInt(id);
        });
        const plan = partNames(component, id);
        if (new Set(parts).size !== parts.length) results.duplicatedParts++;
        const isPrefixOfPlan = parts.every((name, index) => name === plan[index]);
        if (
          body?.state === EXPECTATIONS[component].completeState &&
          parts.length === plan.length &&
          isPrefixOfPlan
        ) {
          results.completed++;
        } else if (
          body?.state === 'FAILED' &&
          typeof body.failureReason === 'string' &&
          body.failureReason.length > 0
        ) {
          results.failedWithReason++;
          if (!isPrefixOfPlan) results.strayParts++;
        } else {
          results.abandoned++;
          console.log(`abandoned: ${component} ${id} → ${JSON.stringify(body)}`);
        }
      }
      const acceptedKeys = new Set(accepted.map(({ component, id }) => `${component}/${id}`));
      for (const name of await datastore.snapshotNames(repository)) {
        const parsed = parseSnapshotName(name);
        if (!parsed || !acceptedKeys.has(`${parsed.component}/${parsed.backupId}`)) results.strayParts++;
      }

      console.log(`
| soak (SOAK_SEED=${SEED}, ${DURATION_MS} ms) | count |
| --- | --- |
| create requests | ${events.creates} |
| refused (502/503 during outages) | ${events.refused} |
| faults injected | ${events.faults} |
| daemon SIGKILLs | ${events.daemonKills} |
| sandbox restarts | ${events.sandboxRestarts} |
| backups started (accepted) | ${accepted.length} |
| completed | ${results.completed} |
| failed with reason | ${results.failedWithReason} |
| abandoned (must be 0) | ${results.abandoned} |
| duplicated parts (must be 0) | ${results.duplicatedParts} |
| stray parts (must be 0) | ${results.strayParts} |
`);
      expect(accepted.length).toBeGreaterThan(0);
      expect(results.completed + results.failedWithReason).toBe(accepted.length);
      expect(results.abandoned).toBe(0);
      expect(results.duplicatedParts).toBe(0);
      expect(results.strayParts).toBe(0);
    } finally {
      for (const daemon of daemons) await daemon.close();
      await datastore.close();
    }
  });
});
