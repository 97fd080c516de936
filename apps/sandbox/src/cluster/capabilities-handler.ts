import { CLUSTER_NAME } from './version.js';
import type { SandboxContext } from '../context.js';
import { validationFailed } from '../http/errors.js';
import { GLOBAL_PARAMS } from '../http/params.js';
import { ok } from '../http/reply.js';
import type { Router } from '../http/router.js';

/**
 * Elasticsearch 8's `GET /_capabilities` (RestNodesCapabilitiesAction; OpenSearch has none):
 * `supported` is true when the sandbox serves `method` on `path` with every listed parameter. The
 * sandbox declares no named capabilities, so asking for any answers false.
 */
export function registerCapabilitiesRoute(router: Router, api: Router, ctx: SandboxContext): void {
  if (ctx.config.flavor !== 'elasticsearch') return;
  router.add(
    'GET',
    '/_capabilities',
    ['method', 'path', 'parameters', 'capabilities', 'local_only', 'timeout'],
    (req) => {
      const path = req.param('path');
      if (!path) throw validationFailed(['path is missing']);
      const method = (req.param('method') ?? 'GET').toUpperCase();
      const list = (name: string) =>
        (req.param(name) ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p);
      const supported =
        list('capabilities').length === 0 && api.supports(method, path, list('parameters'), GLOBAL_PARAMS);
      return ok({ _nodes: { total: 1, successful: 1, failed: 0 }, cluster_name: CLUSTER_NAME, supported });
    },
  );
}
