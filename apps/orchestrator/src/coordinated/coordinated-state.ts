/** States of a coordinated backup, its components and steps. */
export type CoordinatedState = 'COMPLETED' | 'IN_PROGRESS' | 'FAILED' | 'INCOMPATIBLE' | 'INCOMPLETE';
export type StepState = 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'SKIPPED' | 'FAILED';

const SEVERITY: Record<CoordinatedState, number> = {
  COMPLETED: 0,
  IN_PROGRESS: 1,
  INCOMPLETE: 2,
  INCOMPATIBLE: 3,
  FAILED: 4,
};

/** The worst of the given states (COMPLETED < IN_PROGRESS < INCOMPLETE < INCOMPATIBLE < FAILED). */
export function worstState(states: readonly CoordinatedState[]): CoordinatedState {
  return states.reduce<CoordinatedState>(
    (worst, state) => (SEVERITY[state] > SEVERITY[worst] ? state : worst),
    'COMPLETED',
  );
}

/** How a step's state counts towards the overall state. */
export function stepAsState(state: StepState): CoordinatedState {
  if (state === 'FAILED') return 'FAILED';
  if (state === 'PENDING' || state === 'IN_PROGRESS') return 'IN_PROGRESS';
  return 'COMPLETED';
}

/** A BullMQ job state (and the step's result) as a step state. */
export function stepStateOf(jobState: string, outcome: string | undefined): StepState {
  switch (jobState) {
    case 'completed':
      return outcome === 'skipped' ? 'SKIPPED' : 'COMPLETED';
    case 'failed':
      return 'FAILED';
    case 'active':
      return 'IN_PROGRESS';
    default:
      return 'PENDING';
  }
}
