export type ComponentName = 'optimize' | 'operate' | 'tasklist';

export const COMPONENTS: readonly ComponentName[] = Object.freeze(['optimize', 'operate', 'tasklist']);

/** How many snapshots (parts) one backup of each component consists of. */
export const PART_COUNT: Readonly<Record<ComponentName, number>> = Object.freeze({
  optimize: 2,
  operate: 6,
  tasklist: 6,
});

export function isComponentName(value: unknown): value is ComponentName {
  return typeof value === 'string' && (COMPONENTS as readonly string[]).includes(value);
}

/**
 * Every name family `camunda_{component}_…` the product reads and writes. `webapps` is the Camunda 8.8+
 * set (Operate + Tasklist + identity indices in one backup, facts 8.8+ §2.1); it is deliberately NOT in
 * COMPONENTS, which lists the per-app APIs (one listener each).
 */
export type SnapshotComponent = ComponentName | 'webapps';

export const SNAPSHOT_COMPONENTS: readonly SnapshotComponent[] = Object.freeze([
  'optimize',
  'operate',
  'tasklist',
  'webapps',
]);

export function isSnapshotComponent(value: unknown): value is SnapshotComponent {
  return typeof value === 'string' && (SNAPSHOT_COMPONENTS as readonly string[]).includes(value);
}
