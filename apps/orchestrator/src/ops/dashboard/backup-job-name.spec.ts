import { backupJobName } from './backup-job-name.js';

describe('dashboard job names', () => {
  it('names jobs by component, backup ID and current part', () => {
    const data = { component: 'operate' as const, backupId: '7' };
    expect(backupJobName({ data, progress: { partNo: 3, partCount: 6, snapshot: 's' } })).toBe(
      'operate backup 7 · part 3/6',
    );
    expect(backupJobName({ data, progress: 0 })).toBe('operate backup 7 · not started');
  });
});
