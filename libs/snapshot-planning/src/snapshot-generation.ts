import type { SnapshotComponent } from './component.js';
import { parseVersionCore } from './camunda-version.js';

/**
 * The two Camunda backup topologies (product contract §6): `per-app` (≤ 8.7: Optimize, Operate and
 * Tasklist each back up on their own) and `orchestration-cluster` (8.8+: Optimize plus one `webapps`
 * set for Operate, Tasklist and identity).
 */
export type SnapshotGeneration = 'per-app' | 'orchestration-cluster';

export const SNAPSHOT_GENERATIONS: readonly SnapshotGeneration[] = Object.freeze([
  'per-app',
  'orchestration-cluster',
]);

const COMPONENTS_BY_GENERATION: Readonly<Record<SnapshotGeneration, readonly SnapshotComponent[]>> =
  Object.freeze({
    'per-app': Object.freeze(['optimize', 'operate', 'tasklist'] as const),
    'orchestration-cluster': Object.freeze(['optimize', 'webapps'] as const),
  });

/** The name families a topology writes, i.e. what a repository of that generation holds. */
export function componentsOfGeneration(generation: SnapshotGeneration): readonly SnapshotComponent[] {
  if (!Object.hasOwn(COMPONENTS_BY_GENERATION, generation)) {
    throw new RangeError(
      `generation must be one of ${SNAPSHOT_GENERATIONS.join(', ')}; got ${String(generation)}`,
    );
  }
  return COMPONENTS_BY_GENERATION[generation];
}

/**
 * The generations whose backups use a name family. Optimize kept `camunda_optimize_…` across the
 * 8.7 → 8.8 change, so its family belongs to both; `operate`/`tasklist` only to per-app, `webapps`
 * only to orchestration-cluster.
 */
export function generationsOf(component: SnapshotComponent): readonly SnapshotGeneration[] {
  return SNAPSHOT_GENERATIONS.filter((generation) => componentsOfGeneration(generation).includes(component));
}

/**
 * The generation one backup's snapshots belong to, for the catalog of a repository that holds both
 * (after an 8.7 → 8.8 upgrade). The name family decides for operate/tasklist/webapps. An Optimize
 * name does not, so its version does: Optimize is released with the Camunda version since 8.6, so
 * 8.8.0 and later (pre-releases included) are orchestration-cluster; 8.7 and older, and the 3.x
 * Optimize line of Camunda ≤ 8.5, are per-app. [I: inferred from the release alignment.]
 */
export function generationOf(snapshot: {
  component: SnapshotComponent;
  version: string;
}): SnapshotGeneration {
  switch (snapshot.component) {
    case 'operate':
    case 'tasklist':
      return 'per-app';
    case 'webapps':
      return 'orchestration-cluster';
    case 'optimize': {
      const { major, minor } = parseVersionCore(snapshot.version);
      return major > 8 || (major === 8 && minor >= 8) ? 'orchestration-cluster' : 'per-app';
    }
    default:
      throw new RangeError(
        `component must be one of optimize, operate, tasklist, webapps; got ${String(snapshot.component)}`,
      );
  }
}
