/**
 * The durable outcome record behind the backup and restore metrics: one Redis hash per subject
 * (a component, `coordinated`, or `restore`), written when a backup or restore ends, read at scrape
 * time. Every daemon sharing the Redis reports the same values, and a restarted daemon reports what
 * its predecessor did.
 */
export const BACKUP_SUBJECTS = ['optimize', 'operate', 'tasklist', 'webapps', 'coordinated'] as const;
export type BackupSubject = (typeof BACKUP_SUBJECTS)[number];
export type OutcomeSubject = BackupSubject | 'restore';

export type Outcome = 'COMPLETED' | 'FAILED' | 'CANCELLED';
const OUTCOMES: readonly Outcome[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** Upper bounds (seconds) of the duration histogram's buckets: a second to a day. */
export const DURATION_BUCKETS_SECONDS = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400];

export interface DurationHistogram {
  /** Cumulative counts, one per DURATION_BUCKETS_SECONDS entry (observations ≤ the bound). */
  buckets: number[];
  count: number;
  sumSeconds: number;
}

export interface OutcomeSummary {
  lastSuccessMs?: number;
  lastFailureMs?: number;
  consecutiveFailures: number;
  durations: Partial<Record<Outcome, DurationHistogram>>;
}

/** What one ended backup or restore changes in its subject's hash. */
export interface OutcomeUpdate {
  /** Fields set to this value. */
  set: Record<string, string>;
  /** Fields incremented by whole numbers. */
  increment: Record<string, number>;
  /** Fields incremented by a fraction. */
  incrementFloat: Record<string, number>;
  /** consecutiveFailures goes back to 0. */
  resetFailures: boolean;
}

/** `durationMs` undefined (not known): the duration histogram is left as it is. */
export function outcomeUpdate(
  outcome: Outcome,
  finishedAtMs: number,
  durationMs: number | undefined,
): OutcomeUpdate {
  const increment: Record<string, number> = {};
  const incrementFloat: Record<string, number> = {};
  if (durationMs !== undefined) {
    const seconds = Math.max(0, durationMs) / 1000;
    increment[`duration:${outcome}:count`] = 1;
    incrementFloat[`duration:${outcome}:sum`] = seconds;
    DURATION_BUCKETS_SECONDS.forEach((bound, index) => {
      if (seconds <= bound) increment[`duration:${outcome}:bucket:${index}`] = 1;
    });
  }
  const set: Record<string, string> = {};
  if (outcome === 'COMPLETED') set.lastSuccessMs = String(finishedAtMs);
  if (outcome === 'FAILED') {
    set.lastFailureMs = String(finishedAtMs);
    increment.consecutiveFailures = 1;
  }
  return {
    set,
    increment,
    incrementFloat,
    resetFailures: outcome === 'COMPLETED',
  };
}

/** A subject's hash as read from Redis (HGETALL); fields it does not know are ignored. */
export function parseOutcomeHash(hash: Record<string, string>): OutcomeSummary {
  const number = (field: string): number | undefined => {
    const value = Number(hash[field]);
    return hash[field] !== undefined && Number.isFinite(value) ? value : undefined;
  };
  const durations: OutcomeSummary['durations'] = {};
  for (const outcome of OUTCOMES) {
    const count = number(`duration:${outcome}:count`);
    if (count === undefined) continue;
    durations[outcome] = {
      buckets: DURATION_BUCKETS_SECONDS.map((_, index) => number(`duration:${outcome}:bucket:${index}`) ?? 0),
      count,
      sumSeconds: number(`duration:${outcome}:sum`) ?? 0,
    };
  }
  return {
    lastSuccessMs: number('lastSuccessMs'),
    lastFailureMs: number('lastFailureMs'),
    consecutiveFailures: number('consecutiveFailures') ?? 0,
    durations,
  };
}

/**
 * The hash that applying `updates` in order to an empty record gives: what the record would hold
 * had it seen every one of those outcomes (used to rebuild a lost record from the catalog).
 */
export function foldOutcomeUpdates(updates: readonly OutcomeUpdate[]): Record<string, string> {
  const hash = new Map<string, number | string>();
  for (const update of updates) {
    if (update.resetFailures) hash.set('consecutiveFailures', 0);
    for (const [field, value] of Object.entries(update.set)) hash.set(field, value);
    for (const [field, by] of [
      ...Object.entries(update.increment),
      ...Object.entries(update.incrementFloat),
    ]) {
      hash.set(field, Number(hash.get(field) ?? 0) + by);
    }
  }
  return Object.fromEntries([...hash].map(([field, value]) => [field, String(value)]));
}
