import { RawErrorResponse } from './errors.js';
import type { SandboxRequest } from './request.js';
import type { Reply } from './reply.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
export type Handler = (request: SandboxRequest) => Reply | Promise<Reply>;

export interface Route {
  method: Method;
  path: string;
  /** Query parameters this endpoint accepts besides the global ones. */
  params: readonly string[];
  handler: Handler;
}

/** Elasticsearch's RestRequest.Method order, used when listing allowed methods in a 405. */
const METHOD_ORDER: readonly string[] = [
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PATCH',
  'TRACE',
  'CONNECT',
];

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * The route table. Like Elasticsearch's path trie, a literal segment beats a `{placeholder}` at the
 * same position; when no route of any path fits the method the answer is ES's 405 (known path) or
 * 400 "no handler found" (unknown path), both with ES's own bodies.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(methods: Method | Method[], path: string, params: readonly string[], handler: Handler): void {
    for (const method of Array.isArray(methods) ? methods : [methods]) {
      this.routes.push({ method, path, params, handler });
    }
  }

  /**
   * Whether a route serves `method` on `path` (a concrete path or a route template; a route's `{placeholder}`
   * matches any segment) and accepts every one of `params` (ES `_capabilities`).
   */
  supports(
    method: string,
    path: string,
    params: readonly string[],
    globalParams: readonly string[],
  ): boolean {
    const segments = path.split('/').filter((p) => p.length > 0);
    return this.routes.some((route) => {
      if (route.method !== method) return false;
      const parts = route.path.split('/').filter((p) => p.length > 0);
      if (parts.length !== segments.length) return false;
      const fits = parts.every(
        (part, n) => part === segments[n] || (part.startsWith('{') && part.endsWith('}')),
      );
      return fits && params.every((p) => route.params.includes(p) || globalParams.includes(p));
    });
  }

  resolve(request: SandboxRequest): RouteMatch {
    const candidates: Array<{ route: Route; params: Record<string, string>; rank: string }> = [];
    for (const route of this.routes) {
      const match = matchPath(route.path, request.segments);
      if (match) candidates.push({ route, ...match });
    }
    candidates.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    const found = candidates.find((c) => c.route.method === request.method);
    if (found) return { route: found.route, params: found.params };
    if (candidates.length === 0) {
      throw new RawErrorResponse(400, {
        error: `no handler found for uri [${request.uri}] and method [${request.method}]`,
      });
    }
    const allowed = [...new Set(candidates.map((c) => c.route.method))].sort(
      (a, b) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b),
    );
    throw new RawErrorResponse(
      405,
      {
        error: `Incorrect HTTP method for uri [${request.uri}] and method [${request.method}], allowed: [${allowed.join(', ')}]`,
        status: 405,
      },
      { Allow: allowed.join(',') },
    );
  }
}

function matchPath(
  pattern: string,
  segments: string[],
): { params: Record<string, string>; rank: string } | undefined {
  const parts = pattern.split('/').filter((p) => p.length > 0);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  let rank = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.startsWith('{') && part.endsWith('}')) {
      params[part.slice(1, -1)] = segments[i];
      rank += '1';
    } else if (part === segments[i]) {
      rank += '0';
    } else {
      return undefined;
    }
  }
  return { params, rank };
}
