import type { RequestHandler } from 'express';
import basicAuth from 'express-basic-auth';

export interface DashboardSettings {
  username?: string;
  password?: string;
}

/**
 * The pages for people (bull-board at /queues, the overview at /backups) share one basic auth:
 * DASHBOARD_USERNAME/PASSWORD; undefined without credentials (allowed on loopback or by
 * DASHBOARD_ALLOW_UNAUTHENTICATED, see the config checks).
 */
export function dashboardAuth(settings: DashboardSettings): RequestHandler | undefined {
  const { username, password } = settings;
  if (username === undefined || password === undefined) return undefined;
  return basicAuth({ challenge: true, realm: 'dashboard', users: { [username]: password } });
}
