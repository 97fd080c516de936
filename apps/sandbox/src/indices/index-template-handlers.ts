import { simpleMatch } from '../common/glob.js';
import type { SandboxContext } from '../context.js';
import { EsError } from '../http/errors.js';
import { acknowledged, exists, ok, type Reply } from '../http/reply.js';
import type { SandboxRequest } from '../http/request.js';
import type { Router } from '../http/router.js';
import { nestSettings } from './index-settings.js';
import { type IndexTemplate, parseIndexTemplate, renderIndexTemplate } from './index-templates.js';

const TIMEOUTS = ['master_timeout', 'cluster_manager_timeout'];
const READ_PARAMS = [...TIMEOUTS, 'local', 'flat_settings', 'include_defaults'];

/** Composable index templates: `PUT/POST/GET/HEAD/DELETE /_index_template[/{name}]`. */
export function registerIndexTemplateRoutes(router: Router, ctx: SandboxContext): void {
  router.add(['PUT', 'POST'], '/_index_template/{name}', [...TIMEOUTS, 'create', 'cause'], (req) => {
    ctx.indexTemplates.put(parseIndexTemplate(req.params.name, req.json()), req.bool('create', false));
    return acknowledged();
  });
  router.add('GET', '/_index_template', READ_PARAMS, (req) =>
    getTemplates(ctx, req, ctx.indexTemplates.all()),
  );
  router.add('GET', '/_index_template/{name}', READ_PARAMS, (req) =>
    getTemplates(ctx, req, matching(ctx, req.params.name)),
  );
  router.add('HEAD', '/_index_template/{name}', READ_PARAMS, (req) =>
    exists(matchingOrNone(ctx, req.params.name).length > 0),
  );
  router.add('DELETE', '/_index_template/{name}', TIMEOUTS, (req) => deleteTemplates(ctx, req.params.name));
}

function matchingOrNone(ctx: SandboxContext, name: string): IndexTemplate[] {
  return ctx.indexTemplates.all().filter((template) => simpleMatch(name, template.name));
}

/** The templates `name` (a name or a wildcard pattern) selects, or ES's 404. */
function matching(ctx: SandboxContext, name: string): IndexTemplate[] {
  const found = matchingOrNone(ctx, name);
  if (found.length === 0) {
    throw new EsError(404, 'resource_not_found_exception', `index template matching [${name}] not found`);
  }
  return found;
}

function getTemplates(ctx: SandboxContext, req: SandboxRequest, templates: IndexTemplate[]): Reply {
  const flat = req.bool('flat_settings', false);
  const renderSettings = (settings: Record<string, string>) =>
    flat ? { ...settings } : nestSettings(settings);
  return ok({
    index_templates: templates.map((template) => ({
      name: template.name,
      index_template: renderIndexTemplate(template, renderSettings),
    })),
  });
}

/** Comma-separated names and wildcards; a name without wildcard that matches nothing is a 404. */
function deleteTemplates(ctx: SandboxContext, expression: string): Reply {
  const names = new Set<string>();
  for (const part of expression.split(',').filter((p) => p.length > 0)) {
    const found = matchingOrNone(ctx, part);
    if (found.length === 0 && !part.includes('*')) {
      throw new EsError(404, 'index_template_missing_exception', `index_template [${part}] missing`);
    }
    for (const template of found) names.add(template.name);
  }
  ctx.indexTemplates.delete([...names]);
  return acknowledged();
}
