import type { SnapshotComponent } from '@app/snapshot-planning';

/** DI token of the components a listener's health covers (its own, or every enabled one on the orchestrator port). */
export const HEALTH_SCOPE = Symbol('HEALTH_SCOPE');

export type HealthScope = readonly SnapshotComponent[];
