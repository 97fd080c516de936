import type { SandboxHandle } from '../support/sandbox.js';
import { putRepository, raw, seedIndex, startSandbox } from './helpers.js';

const ndjson = { 'Content-Type': 'application/x-ndjson' };
const bulk = (sandbox: SandboxHandle, path: string, lines: unknown[]) =>
  raw(sandbox, 'POST', path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n', ndjson);

describe('bulk fidelity (elasticsearch)', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox();
    await raw(sandbox, 'PUT', '/one', { aliases: { single: {} } });
    await raw(sandbox, 'PUT', '/two-a', { aliases: { shared: {} } });
    await raw(sandbox, 'PUT', '/two-b', { aliases: { shared: {} } });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  // IndexRouting#process: "if _id is specified it must not be empty" (an item failure, 400)
  it('fails an item with an empty _id and stores nothing for it', async () => {
    const response = await bulk(sandbox, '/_bulk', [{ index: { _index: 'one', _id: '' } }, { a: 1 }]);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBe(true);
    expect(response.body.items[0].index).toMatchObject({
      _index: 'one',
      _id: '',
      status: 400,
      error: { type: 'illegal_argument_exception', reason: 'if _id is specified it must not be empty' },
    });
    expect((await raw(sandbox, 'GET', '/one/_count')).body.count).toBe(0);
  });

  // TransportBulkAction: require_alias on a name that is not an alias → item 404, nothing auto-created
  it('honours require_alias as request parameter and per item', async () => {
    const byParam = await bulk(sandbox, '/_bulk?require_alias=true', [
      { index: { _index: 'not-an-alias', _id: '1' } },
      { a: 1 },
      { index: { _index: 'single', _id: '1' } },
      { a: 1 },
    ]);
    expect(byParam.body.items[0].index).toMatchObject({
      status: 404,
      error: {
        type: 'index_not_found_exception',
        reason:
          'no such index [not-an-alias] and [require_alias] request flag is [true] and [not-an-alias] is not an alias',
        index: 'not-an-alias',
      },
    });
    expect(byParam.body.items[1].index).toMatchObject({ _index: 'one', status: 201 });
    expect((await raw(sandbox, 'HEAD', '/not-an-alias')).status).toBe(404);
    const byItem = await bulk(sandbox, '/_bulk', [
      { index: { _index: 'not-an-alias-2', _id: '1', require_alias: true } },
      { a: 1 },
    ]);
    expect(byItem.body.items[0].index.status).toBe(404);
    const single = await raw(sandbox, 'PUT', '/plain/_doc/1?require_alias=true', { a: 1 });
    expect(single.status).toBe(404);
  });

  it('refuses writes through an alias without a write index with illegal_argument_exception', async () => {
    const response = await bulk(sandbox, '/_bulk', [{ index: { _index: 'shared', _id: '1' } }, { a: 1 }]);
    expect(response.body.items[0].index).toMatchObject({
      status: 400,
      error: {
        type: 'illegal_argument_exception',
        reason:
          'no write index is defined for alias [shared]. The write index may be explicitly disabled using is_write_index=false or the alias points to multiple indices without one being designated as a write index',
      },
    });
    await raw(sandbox, 'PUT', '/two-b/_alias/shared', { is_write_index: true });
    const routed = await bulk(sandbox, '/_bulk', [{ index: { _index: 'shared', _id: '1' } }, { a: 1 }]);
    expect(routed.body.items[0].index).toMatchObject({ _index: 'two-b', status: 201 });
  });

  // BulkRequestTests#testBulkActionWithoutCurlyBrace… : "expected FIELD_NAME but found [END_OBJECT]"
  it('words malformed action lines like BulkRequestParser', async () => {
    const empty = await raw(sandbox, 'POST', '/_bulk', '{}\n{}\n', ndjson);
    expect(empty.status).toBe(400);
    expect(empty.body.error.reason).toBe(
      'Malformed action/metadata line [1], expected FIELD_NAME but found [END_OBJECT]',
    );
    const array = await raw(sandbox, 'POST', '/_bulk', '[1]\n', ndjson);
    expect(array.body.error.reason).toBe(
      'Malformed action/metadata line [1], expected START_OBJECT but found [START_ARRAY]',
    );
  });
});

for (const flavor of ['elasticsearch', 'opensearch'] as const) {
  describe(`index creation and metadata APIs (${flavor})`, () => {
    let sandbox: SandboxHandle;
    const es = flavor === 'elasticsearch';
    beforeAll(async () => {
      sandbox = await startSandbox({ flavor });
    });
    afterAll(async () => {
      await sandbox.close();
    });

    // Alias#routing sets index_routing and search_routing (AliasMetadata renders those two)
    it('splits alias routing into index_routing and search_routing', async () => {
      await raw(sandbox, 'PUT', '/routed', { aliases: { r: { routing: 1 }, w: { is_write_index: true } } });
      const got = await raw(sandbox, 'GET', '/routed/_alias');
      expect(got.body.routed.aliases).toEqual({
        r: { index_routing: '1', search_routing: '1' },
        w: { is_write_index: true },
      });
    });

    it('refuses an empty field name in mappings', async () => {
      const response = await raw(sandbox, 'PUT', '/empty-field', {
        mappings: { properties: { outer: { properties: { '': { type: 'keyword' } } } } },
      });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        type: 'illegal_argument_exception',
        reason: 'field name cannot be an empty string',
      });
    });

    // ES 8 MetadataCreateIndexService.validateSoftDeleteSettings; OpenSearch 2 only warns
    it(`${es ? 'refuses' : 'accepts'} index.soft_deletes.enabled: false`, async () => {
      const response = await raw(sandbox, 'PUT', '/no-soft-deletes', {
        settings: { 'index.soft_deletes.enabled': false },
      });
      if (es) {
        expect(response.status).toBe(400);
        expect(response.body.error.reason).toBe(
          'Creating indices with soft-deletes disabled is no longer supported. Please do not specify a value for setting [index.soft_deletes.enabled].',
        );
      } else {
        expect(response.status).toBe(200);
      }
    });

    // RestCreateIndexAction.prepareMappings: typed mappings are refused
    it('refuses a mapping nested under _doc', async () => {
      const response = await raw(sandbox, 'PUT', '/typed', { mappings: { _doc: { properties: {} } } });
      expect(response.status).toBe(400);
      expect(response.body.error.type).toBe('illegal_argument_exception');
      expect(response.body.error.reason).toMatch(
        /^The mapping definition cannot be nested under a type \[_doc\]/,
      );
    });

    it('resolves date-math index names', async () => {
      const response = await raw(sandbox, 'PUT', `/${encodeURIComponent('<logs-{now/d}>')}`);
      expect(response.status).toBe(200);
      const today = new Date().toISOString().slice(0, 10).replaceAll('-', '.');
      expect(response.body.index).toBe(`logs-${today}`);
      expect((await raw(sandbox, 'HEAD', `/logs-${today}`)).status).toBe(200);
    });

    it('answers GET /{index}/_mapping and /{index}/_settings', async () => {
      await raw(sandbox, 'PUT', '/meta', {
        settings: { number_of_shards: 2 },
        mappings: { properties: { n: { type: 'long' } } },
      });
      expect((await raw(sandbox, 'GET', '/meta/_mapping')).body).toEqual({
        meta: { mappings: { properties: { n: { type: 'long' } } } },
      });
      const settings = await raw(sandbox, 'GET', '/meta/_settings');
      expect(settings.body.meta.settings.index).toMatchObject({
        number_of_shards: '2',
        provided_name: 'meta',
      });
      const flat = await raw(sandbox, 'GET', '/meta/_settings/index.number_of_*?flat_settings=true');
      expect(flat.body).toEqual({
        meta: { settings: { 'index.number_of_replicas': '1', 'index.number_of_shards': '2' } },
      });
      expect((await raw(sandbox, 'GET', '/missing/_mapping')).status).toBe(404);
    });

    it('puts, checks and deletes aliases', async () => {
      await raw(sandbox, 'PUT', '/aliased');
      expect((await raw(sandbox, 'PUT', '/aliased/_alias/nick', { routing: 'x' })).body).toEqual({
        acknowledged: true,
      });
      expect((await raw(sandbox, 'HEAD', '/_alias/nick')).status).toBe(200);
      expect((await raw(sandbox, 'HEAD', '/aliased/_alias/nick')).status).toBe(200);
      expect((await raw(sandbox, 'HEAD', '/_alias/nobody')).status).toBe(404);
      expect((await raw(sandbox, 'GET', '/aliased/_alias/nick')).body.aliased.aliases.nick).toEqual({
        index_routing: 'x',
        search_routing: 'x',
      });
      expect((await raw(sandbox, 'DELETE', '/aliased/_alias/nick')).body).toEqual({ acknowledged: true });
      expect((await raw(sandbox, 'HEAD', '/_alias/nick')).status).toBe(404);
      const again = await raw(sandbox, 'DELETE', '/aliased/_alias/nick');
      expect(again.status).toBe(404);
      expect(again.body.error).toMatchObject({
        type: 'aliases_not_found_exception',
        reason: 'aliases [nick] missing',
      });
    });

    it('lists snapshots and repositories in _cat', async () => {
      await putRepository(sandbox, 'cat-repo');
      await putRepository(sandbox, 'another');
      await seedIndex(sandbox, 'catted', 2);
      await raw(sandbox, 'PUT', '/_snapshot/cat-repo/s1?wait_for_completion=true', { indices: 'catted' });
      const json = await raw(sandbox, 'GET', '/_cat/snapshots/cat-repo?format=json');
      expect(json.body).toHaveLength(1);
      expect(json.body[0]).toMatchObject({
        id: 's1',
        repository: 'cat-repo',
        status: 'SUCCESS',
        indices: '1',
        successful_shards: '1',
        failed_shards: '0',
        total_shards: '1',
      });
      expect(json.body[0].reason).toBeUndefined();
      expect(json.body[0].start_epoch).toMatch(/^\d+$/);
      expect(json.body[0].start_time).toMatch(/^\d\d:\d\d:\d\d$/);
      const text = await raw(sandbox, 'GET', '/_cat/snapshots/cat-repo?v&h=id,s,ts');
      expect(text.text).toBe('id  status total_shards\ns1 SUCCESS            1\n');
      const help = await raw(sandbox, 'GET', '/_cat/snapshots/cat-repo?help');
      expect(help.text).toMatch(/^id +\| id,snapshot +\| unique snapshot\n/);
      const repos = await raw(sandbox, 'GET', '/_cat/repositories?v&s=id:desc');
      expect(repos.text).toBe('id       type\ncat-repo fs\nanother  fs\n');
      expect((await raw(sandbox, 'GET', '/_cat/repositories?format=json&h=id')).body).toEqual([
        { id: 'another' },
        { id: 'cat-repo' },
      ]);
      expect((await raw(sandbox, 'GET', '/_cat/snapshots/nope')).status).toBe(404);
    });

    // ES 8 RestNodesCapabilitiesAction; OpenSearch has no such endpoint
    it(`${es ? 'answers' : 'has no'} GET /_capabilities`, async () => {
      const supported = await raw(
        sandbox,
        'GET',
        `/_capabilities?method=GET&path=${encodeURIComponent('/_snapshot/{repository}/{snapshot}')}&parameters=verbose,index_names`,
      );
      if (!es) {
        // no such route: `_capabilities` falls to GET /{index} as on a real OpenSearch node
        expect(supported.status).toBe(400);
        expect(supported.body.error.type).toBe('illegal_argument_exception');
        return;
      }
      expect(supported.body).toMatchObject({
        _nodes: { total: 1, successful: 1, failed: 0 },
        supported: true,
      });
      const unknownParam = await raw(
        sandbox,
        'GET',
        '/_capabilities?method=GET&path=/_snapshot/r/s&parameters=nonsense',
      );
      expect(unknownParam.body.supported).toBe(false);
      const capability = await raw(
        sandbox,
        'GET',
        '/_capabilities?path=/_snapshot/r/s&capabilities=some_feature',
      );
      expect(capability.body.supported).toBe(false);
      const recovery = await raw(sandbox, 'GET', '/_capabilities?path=/idx/_recovery&parameters=active_only');
      expect(recovery.body.supported).toBe(true);
      // no DELETE route has this shape (RestController#checkSupported finds no handler)
      const noRoute = await raw(sandbox, 'GET', '/_capabilities?method=DELETE&path=/_cluster/health');
      expect(noRoute.body.supported).toBe(false);
    });
  });
}
