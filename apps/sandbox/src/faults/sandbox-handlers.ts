import type { SandboxContext } from '../context.js';
import { EsError } from '../http/errors.js';
import { ok } from '../http/reply.js';
import type { Router } from '../http/router.js';

/** The sandbox's own API under `/_sandbox` (fault injection, request log, reset). */
export function registerSandboxRoutes(router: Router, ctx: SandboxContext, reset: () => void): void {
  router.add('POST', '/_sandbox/faults', [], (req) => ok(ctx.faults.add(req.json())));
  router.add('GET', '/_sandbox/faults', [], () => ok(ctx.faults.list()));
  router.add('DELETE', '/_sandbox/faults', [], () => {
    ctx.faults.clear();
    return ok({ acknowledged: true });
  });
  router.add('DELETE', '/_sandbox/faults/{id}', [], (req) => {
    if (!ctx.faults.remove(req.params.id)) {
      throw new EsError(404, 'resource_not_found_exception', `fault [${req.params.id}] missing`);
    }
    return ok({ acknowledged: true });
  });
  router.add('GET', '/_sandbox/requests', [], () => ok(ctx.requestLog.list()));
  router.add('DELETE', '/_sandbox/requests', [], () => {
    ctx.requestLog.clear();
    return ok({ acknowledged: true });
  });
  router.add('POST', '/_sandbox/reset', [], () => {
    reset();
    return ok({ acknowledged: true });
  });
}
