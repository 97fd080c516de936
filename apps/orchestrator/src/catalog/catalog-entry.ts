import {
  generationOf,
  parseAnySnapshotName,
  type SnapshotComponent,
  type SnapshotGeneration,
} from '@app/snapshot-planning';
import type { BackupView } from '../backup/backup-view.js';
import { type CoordinatedState, worstState } from '../coordinated/coordinated-state.js';
import type { CoordinatedRecord } from '../coordinated/coordinated-record.js';

export type CatalogKind = 'coordinated' | 'component';
export type CatalogTrigger = CoordinatedRecord['trigger'];

/** One component of a catalog entry (Zeebe included for coordinated backups). */
export interface CatalogComponent {
  state: CoordinatedState | 'PENDING' | 'SKIPPED';
  failureReason: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Sum of the parts' sizes (`_status` stats.total.size_in_bytes); null when not reported. */
  sizeBytes: number | null;
}

/** One backup ID of the repository, whatever made it (product contract §6, issue #14). */
export interface CatalogEntry {
  backupId: bigint;
  kind: CatalogKind;
  generation: SnapshotGeneration;
  trigger: CatalogTrigger;
  state: CoordinatedState;
  failureReason: string | null;
  acceptedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  sizeBytes: number | null;
  components: Record<string, CatalogComponent>;
}

/** What a component backup adds to an entry: its view, and its parts' sizes when read. */
export interface ComponentFacts {
  view: BackupView;
  sizeBytes: number | null;
}

const FINAL: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED', 'INCOMPATIBLE', 'INCOMPLETE', 'SKIPPED']);

function iso(millis: number | undefined): string | null {
  return millis === undefined ? null : new Date(millis).toISOString();
}

export function componentOf(facts: ComponentFacts): CatalogComponent {
  const { view } = facts;
  const finished = FINAL.has(view.state);
  return {
    state: view.state,
    failureReason: view.failureReason,
    startedAt: iso(view.firstStartMillis),
    finishedAt: finished ? iso(view.lastEndMillis) : null,
    sizeBytes: facts.sizeBytes,
  };
}

/**
 * The generation of a backup's snapshots: Operate/Tasklist names say per-app, web-apps names say
 * orchestration cluster, Optimize's version decides alone (snapshot-generation.ts); a backup
 * without any part yet belongs to the daemon's own topology.
 */
export function generationOfViews(
  views: ReadonlyMap<SnapshotComponent, BackupView>,
  topology: SnapshotGeneration,
): SnapshotGeneration {
  const decided: SnapshotGeneration[] = [];
  for (const [component, view] of views) {
    const parsed = view.details[0] && parseAnySnapshotName(view.details[0].snapshotName);
    if (!parsed) continue;
    const generation = generationOf(parsed);
    if (component === 'optimize') decided.push(generation);
    else decided.unshift(generation);
  }
  return decided[0] ?? topology;
}

/**
 * Times of a whole entry: started with its first part (or accepted), finished when every component
 * is final, with the last part's end; the duration runs from acceptance (or first start) to there.
 */
export function entryTimes(
  acceptedAtMillis: number | undefined,
  components: readonly CatalogComponent[],
  finished: boolean,
): Pick<CatalogEntry, 'acceptedAt' | 'startedAt' | 'finishedAt' | 'durationMs'> {
  const starts = components.flatMap((c) => (c.startedAt ? [Date.parse(c.startedAt)] : []));
  const ends = components.flatMap((c) => (c.finishedAt ? [Date.parse(c.finishedAt)] : []));
  const startedMillis = starts.length > 0 ? Math.min(...starts) : undefined;
  const finishedMillis = finished && ends.length > 0 ? Math.max(...ends) : undefined;
  const from = acceptedAtMillis ?? startedMillis;
  return {
    acceptedAt: iso(acceptedAtMillis),
    startedAt: iso(startedMillis),
    finishedAt: iso(finishedMillis),
    durationMs:
      from !== undefined && finishedMillis !== undefined ? Math.max(0, finishedMillis - from) : null,
  };
}

export function totalSize(components: readonly CatalogComponent[]): number | null {
  const sizes = components.flatMap((c) => (c.sizeBytes === null ? [] : [c.sizeBytes]));
  return sizes.length > 0 ? sizes.reduce((sum, size) => sum + size, 0) : null;
}

/** An entry for a backup ID that only component APIs made (no coordinated record). */
export function componentEntry(
  backupId: bigint,
  facts: ReadonlyMap<SnapshotComponent, ComponentFacts>,
  topology: SnapshotGeneration,
): CatalogEntry {
  const components: Record<string, CatalogComponent> = {};
  const views = new Map<SnapshotComponent, BackupView>();
  for (const [name, fact] of facts) {
    components[name] = componentOf(fact);
    views.set(name, fact.view);
  }
  const list = Object.values(components);
  const state = worstState(list.map((c) => c.state as CoordinatedState));
  const failed = Object.entries(components).find(([, c]) => c.failureReason);
  return {
    backupId,
    kind: 'component',
    generation: generationOfViews(views, topology),
    // Component backups come only from a Backup Management API call (ours or Camunda's).
    trigger: 'api',
    state,
    failureReason: state === 'COMPLETED' || !failed ? null : `${failed[0]}: ${failed[1].failureReason}`,
    ...entryTimes(
      undefined,
      list,
      list.every((c) => FINAL.has(c.state)),
    ),
    sizeBytes: totalSize(list),
    components,
  };
}

export function isFinal(state: string): boolean {
  return FINAL.has(state);
}
