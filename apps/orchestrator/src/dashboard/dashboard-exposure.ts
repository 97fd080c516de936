import { isIP } from 'node:net';

export interface DashboardExposureSettings {
  host: string;
  dashboard: { username?: string; password?: string; allowUnauthenticated: boolean };
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/**
 * The dashboard can retry and inspect backup jobs: refuse to serve it without credentials on an
 * address other machines can reach, unless the operator said so explicitly.
 */
export function dashboardExposureProblem(settings: DashboardExposureSettings): string | undefined {
  const { dashboard, host } = settings;
  if (dashboard.username !== undefined || dashboard.allowUnauthenticated || isLoopbackHost(host)) {
    return undefined;
  }
  return (
    `DASHBOARD_USERNAME, DASHBOARD_PASSWORD: the queue dashboard (/queues) would be public without credentials on HOST=${host}; ` +
    'set both, bind HOST to a loopback address, or set DASHBOARD_ALLOW_UNAUTHENTICATED=true'
  );
}
