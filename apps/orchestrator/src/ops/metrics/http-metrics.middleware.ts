import type { NextFunction, Request, Response } from 'express';
import { Histogram, register } from 'prom-client';
import { METRIC } from './metric-names.js';

function httpRequestsHistogram(): Histogram<'listener' | 'method' | 'route' | 'status'> {
  const existing = register.getSingleMetric(METRIC.httpRequests);
  if (existing) return existing as Histogram<'listener' | 'method' | 'route' | 'status'>;
  return new Histogram({
    name: METRIC.httpRequests,
    help: 'HTTP requests by listener, method, matched route and status (count and duration)',
    labelNames: ['listener', 'method', 'route', 'status'],
    buckets: [0.005, 0.025, 0.1, 0.5, 1, 5],
    registers: [register],
  });
}

/**
 * Express middleware for one listener. The route label is the matched route pattern (never the raw
 * path, so backup IDs do not create series); requests no route matched are labelled UNMATCHED.
 */
export function httpMetrics(listener: string) {
  const requests = httpRequestsHistogram();
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = requests.startTimer({ listener, method: request.method });
    response.once('finish', () => {
      const routePath = (request.route as { path?: string } | undefined)?.path;
      const route = routePath ? `${request.baseUrl}${routePath}` : 'UNMATCHED';
      stop({ route, status: String(response.statusCode) });
    });
    next();
  };
}
