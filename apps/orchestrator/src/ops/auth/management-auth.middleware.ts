import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface ManagementAuthSettings {
  token?: string;
  username?: string;
  password?: string;
}

/**
 * Paths that stay open when management authentication is on: orchestration probes, and the pages
 * for people (bull-board, the backup overview), which have the dashboard's own auth.
 */
const OPEN_PATHS = [/^\/actuator\/health\/(liveness|readiness)\/?$/, /^\/queues(\/|$)/, /^\/backups\/?$/];

export function managementAuthEnabled(settings: ManagementAuthSettings): boolean {
  return settings.token !== undefined || settings.username !== undefined;
}

/**
 * Express middleware for every listener: when MANAGEMENT_AUTH_TOKEN or MANAGEMENT_USERNAME/PASSWORD
 * is set, a request needs `Authorization: Bearer <token>` or matching basic credentials, else 401.
 * Without those variables it lets everything through (Camunda's clients send no credentials).
 */
export function managementAuth(settings: ManagementAuthSettings) {
  const enabled = managementAuthEnabled(settings);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!enabled || OPEN_PATHS.some((path) => path.test(request.path)) || isAuthorized(request, settings)) {
      next();
      return;
    }
    const challenges = [
      ...(settings.token !== undefined ? ['Bearer realm="management"'] : []),
      ...(settings.username !== undefined ? ['Basic realm="management"'] : []),
    ];
    response
      .status(401)
      .set('WWW-Authenticate', challenges.join(', '))
      .json({ status: 401, error: 'Unauthorized', message: 'Missing or wrong management credentials' });
  };
}

function isAuthorized(request: Request, settings: ManagementAuthSettings): boolean {
  const header = request.headers.authorization ?? '';
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer' && settings.token !== undefined) {
    return sameSecret(value, settings.token);
  }
  if (scheme?.toLowerCase() === 'basic' && settings.username !== undefined) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    // Both compared, always: no early exit telling which half was wrong.
    const userOk = sameSecret(decoded.slice(0, colon), settings.username);
    const passwordOk = sameSecret(decoded.slice(colon + 1), settings.password ?? '');
    return userOk && passwordOk;
  }
  return false;
}

/** Constant-time comparison of two strings of any length (compares their digests). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
