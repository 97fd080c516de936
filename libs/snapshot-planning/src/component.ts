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
