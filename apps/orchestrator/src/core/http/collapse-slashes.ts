import type { NextFunction, Request, Response } from 'express';

/**
 * Camunda's runbook scripts use base URLs ending in `/`, producing `//actuator/backups`: collapse
 * repeated slashes in the path (not the query) before routing.
 */
export function collapseSlashes(request: Request, _response: Response, next: NextFunction): void {
  const queryStart = request.url.indexOf('?');
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const collapsed = path.replace(/\/{2,}/g, '/');
  if (collapsed !== path) request.url = collapsed + (queryStart === -1 ? '' : request.url.slice(queryStart));
  next();
}
