import type { SnapshotSummary } from '@app/datastore';
import { SnapshotDetailsCache } from '../backup/snapshot-details-cache.js';

/** The cache in a Map; `down` makes every call fail as an unreachable Redis does. */
export class MemoryCache extends SnapshotDetailsCache {
  readonly entries = new Map<string, SnapshotSummary>();
  down = false;

  private check(): void {
    if (this.down) throw new Error('Connection is closed.');
  }

  read(repository: string, scope: string, uuids: readonly string[]) {
    this.check();
    return Promise.resolve(uuids.map((uuid) => this.entries.get(`${repository}/${scope}/${uuid}`)));
  }

  write(repository: string, scope: string, snapshots: readonly SnapshotSummary[]) {
    this.check();
    for (const s of snapshots) this.entries.set(`${repository}/${scope}/${s.uuid}`, structuredClone(s));
    return Promise.resolve();
  }

  prune(repository: string, scope: string, keep: ReadonlySet<string>) {
    this.check();
    let dropped = 0;
    for (const key of this.entries.keys()) {
      const [r, sc, uuid] = key.split('/');
      if (r === repository && sc === scope && !keep.has(uuid!)) {
        this.entries.delete(key);
        dropped++;
      }
    }
    return Promise.resolve(dropped);
  }
}
