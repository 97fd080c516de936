import { backupJobName } from './backup-job-name.js';
import { dashboardExposureProblem, isLoopbackHost } from './dashboard-exposure.js';

describe('dashboard exposure', () => {
  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', 'example.org'].some(isLoopbackHost)).toBe(false);
  });

  it('refuses a public unprotected dashboard unless allowed', () => {
    const open = { allowUnauthenticated: false };
    expect(dashboardExposureProblem({ host: '0.0.0.0', dashboard: open })).toMatch(/^DASHBOARD_USERNAME/);
    expect(dashboardExposureProblem({ host: '127.0.0.1', dashboard: open })).toBeUndefined();
    expect(
      dashboardExposureProblem({ host: '0.0.0.0', dashboard: { allowUnauthenticated: true } }),
    ).toBeUndefined();
    expect(
      dashboardExposureProblem({
        host: '0.0.0.0',
        dashboard: { username: 'a', password: 'b', allowUnauthenticated: false },
      }),
    ).toBeUndefined();
  });

  it('names jobs by component, backup ID and current part', () => {
    const data = { component: 'operate' as const, backupId: '7' };
    expect(backupJobName({ data, progress: { partNo: 3, partCount: 6, snapshot: 's' } })).toBe(
      'operate backup 7 · part 3/6',
    );
    expect(backupJobName({ data, progress: 0 })).toBe('operate backup 7 · not started');
  });
});
