import { stepAsState, stepStateOf, worstState } from './coordinated-state.js';

describe('coordinated backup state', () => {
  it('takes the worst of the component states', () => {
    expect(worstState([])).toBe('COMPLETED');
    expect(worstState(['COMPLETED', 'IN_PROGRESS'])).toBe('IN_PROGRESS');
    expect(worstState(['IN_PROGRESS', 'INCOMPLETE', 'COMPLETED'])).toBe('INCOMPLETE');
    expect(worstState(['FAILED', 'INCOMPATIBLE', 'IN_PROGRESS'])).toBe('FAILED');
  });

  it('counts a pending or running step as in progress and a skipped one as no failure of its own', () => {
    expect(stepAsState('PENDING')).toBe('IN_PROGRESS');
    expect(stepAsState('IN_PROGRESS')).toBe('IN_PROGRESS');
    expect(stepAsState('SKIPPED')).toBe('COMPLETED');
    expect(stepAsState('FAILED')).toBe('FAILED');
  });

  it('reads BullMQ job states', () => {
    expect(stepStateOf('completed', 'done')).toBe('COMPLETED');
    expect(stepStateOf('completed', 'skipped')).toBe('SKIPPED');
    expect(stepStateOf('failed', undefined)).toBe('FAILED');
    expect(stepStateOf('active', undefined)).toBe('IN_PROGRESS');
    expect(stepStateOf('waiting-children', undefined)).toBe('PENDING');
    expect(stepStateOf('delayed', undefined)).toBe('PENDING');
  });
});
