import type { SandboxHandle } from '../support/sandbox.js';
import { raw, startSandbox } from './helpers.js';

describe.each(['elasticsearch', 'opensearch'] as const)('index templates on %s', (flavor) => {
  let sandbox: SandboxHandle;

  beforeAll(async () => {
    sandbox = await startSandbox({ flavor });
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    await raw(sandbox, 'POST', '/_sandbox/reset');
  });

  it('puts, gets, checks and deletes a composable template with ES answer shapes', async () => {
    const put = await raw(sandbox, 'PUT', '/_index_template/logs-template', {
      index_patterns: ['logs-*'],
      template: {
        settings: { number_of_shards: 2 },
        mappings: { properties: { message: { type: 'text' } } },
        aliases: { 'logs-alias': {} },
      },
      priority: 10,
      composed_of: [],
      version: 3,
      _meta: { owner: 'tests' },
    });
    expect([put.status, put.body]).toEqual([200, { acknowledged: true }]);
    const got = await raw(sandbox, 'GET', '/_index_template/logs-template');
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      index_templates: [
        {
          name: 'logs-template',
          index_template: {
            index_patterns: ['logs-*'],
            template: {
              settings: { index: { number_of_shards: '2' } },
              mappings: { properties: { message: { type: 'text' } } },
              aliases: { 'logs-alias': {} },
            },
            composed_of: [],
            priority: 10,
            version: 3,
            _meta: { owner: 'tests' },
          },
        },
      ],
    });
    expect((await raw(sandbox, 'HEAD', '/_index_template/logs-template')).status).toBe(200);
    expect((await raw(sandbox, 'GET', '/_index_template/logs-*')).body.index_templates).toHaveLength(1);
    const deleted = await raw(sandbox, 'DELETE', '/_index_template/logs-template');
    expect([deleted.status, deleted.body]).toEqual([200, { acknowledged: true }]);
    expect((await raw(sandbox, 'HEAD', '/_index_template/logs-template')).status).toBe(404);
  });

  it('answers 404 for unknown templates and lists none as an empty array', async () => {
    const missing = await raw(sandbox, 'GET', '/_index_template/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      type: 'resource_not_found_exception',
      reason: 'index template matching [nope] not found',
    });
    expect((await raw(sandbox, 'GET', '/_index_template/nope*')).status).toBe(404);
    const deleteMissing = await raw(sandbox, 'DELETE', '/_index_template/nope');
    expect([deleteMissing.status, deleteMissing.body.error.type, deleteMissing.body.error.reason]).toEqual([
      404,
      'index_template_missing_exception',
      'index_template [nope] missing',
    ]);
    expect((await raw(sandbox, 'GET', '/_index_template')).body).toEqual({ index_templates: [] });
  });

  it('refuses bad templates: no patterns, bad names, create over existing, same-priority overlap', async () => {
    const noPatterns = await raw(sandbox, 'PUT', '/_index_template/t', { template: {} });
    expect([noPatterns.status, noPatterns.body.error.reason]).toEqual([
      400,
      'Validation Failed: 1: index patterns are missing;',
    ]);
    const upper = await raw(sandbox, 'PUT', '/_index_template/Bad', { index_patterns: ['x*'] });
    expect([upper.status, upper.body.error.type]).toEqual([400, 'invalid_index_template_exception']);
    expect((await raw(sandbox, 'PUT', '/_index_template/a', { index_patterns: ['a-*'] })).status).toBe(200);
    const again = await raw(sandbox, 'PUT', '/_index_template/a?create=true', { index_patterns: ['a-*'] });
    expect([again.status, again.body.error.reason]).toEqual([400, 'index template [a] already exists']);
    const overlap = await raw(sandbox, 'PUT', '/_index_template/b', { index_patterns: ['a-b*'] });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.reason).toContain(
      'that have the same priority [0], multiple index templates may not match',
    );
    expect(
      (await raw(sandbox, 'PUT', '/_index_template/b', { index_patterns: ['a-b*'], priority: 1 })).status,
    ).toBe(200);
  });

  it('applies the highest-priority matching template when an index is created, the request winning', async () => {
    await raw(sandbox, 'PUT', '/_index_template/low', {
      index_patterns: ['app-*'],
      priority: 1,
      template: { settings: { number_of_replicas: 0 }, aliases: { 'low-alias': {} } },
    });
    await raw(sandbox, 'PUT', '/_index_template/high', {
      index_patterns: ['app-main*'],
      priority: 5,
      template: {
        settings: { number_of_shards: 3, number_of_replicas: 0 },
        mappings: { properties: { a: { type: 'keyword' }, b: { type: 'long' } } },
        aliases: { 'app-alias': {} },
      },
    });
    const created = await raw(sandbox, 'PUT', '/app-main-1', {
      settings: { number_of_shards: 1 },
      mappings: { properties: { b: { type: 'text' } } },
    });
    expect(created.status).toBe(200);
    const index = (await raw(sandbox, 'GET', '/app-main-1')).body['app-main-1'];
    expect(index.aliases).toEqual({ 'app-alias': {} });
    expect(index.settings.index).toMatchObject({ number_of_shards: '1', number_of_replicas: '0' });
    expect(index.mappings).toEqual({ properties: { a: { type: 'keyword' }, b: { type: 'text' } } });
    // Auto-creation on the first write applies templates too.
    expect((await raw(sandbox, 'PUT', '/app-other/_doc/1?refresh=true', { n: 1 })).status).toBe(201);
    const other = (await raw(sandbox, 'GET', '/app-other')).body['app-other'];
    expect(other.aliases).toEqual({ 'low-alias': {} });
    // The alias reads both indices that carry it.
    expect((await raw(sandbox, 'GET', '/_alias/app-alias')).body).toEqual({
      'app-main-1': { aliases: { 'app-alias': {} } },
    });
  });

  it('keeps templates across a restart and forgets them on reset', async () => {
    await raw(sandbox, 'PUT', '/_index_template/kept', { index_patterns: ['kept-*'] });
    await sandbox.restart();
    const names = (await raw(sandbox, 'GET', '/_index_template')).body.index_templates.map(
      (t: { name: string }) => t.name,
    );
    expect(names).toEqual(['kept']);
    await raw(sandbox, 'POST', '/_sandbox/reset');
    expect((await raw(sandbox, 'GET', '/_index_template')).body).toEqual({ index_templates: [] });
  });
});
