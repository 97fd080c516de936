import { errors } from '@elastic/elasticsearch';
import type { SandboxHandle } from '../support/sandbox.js';
import { esClient, osClient, raw, startSandbox } from './helpers.js';

describe('sandbox HTTP surface (elasticsearch flavour)', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('passes the ES client product check and reports 8.19.x', async () => {
    const info = await esClient(sandbox).info();
    expect(info.version.number).toMatch(/^8\.19\.\d+$/);
    expect(info.tagline).toBe('You Know, for Search');
    expect(info.cluster_name).toBeTruthy();
  });

  it('sends X-Elastic-Product on every response, errors and HEAD included', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['HEAD', '/'],
      ['GET', '/missing-index'],
      ['DELETE', '/_cluster/health'],
      ['GET', '/a/b/c/d'],
    ]) {
      const response = await raw(sandbox, method, path);
      expect(response.headers.get('x-elastic-product'), `${method} ${path}`).toBe('Elasticsearch');
    }
    expect((await raw(sandbox, 'HEAD', '/')).status).toBe(200);
  });

  it('answers cluster health', async () => {
    const health = await esClient(sandbox).cluster.health();
    expect(health.number_of_nodes).toBe(1);
    expect(['green', 'yellow']).toContain(health.status);
  });

  it('answers a wrong method on a known path with ES 405 body and Allow header', async () => {
    const response = await raw(sandbox, 'DELETE', '/_cluster/health');
    expect(response.status).toBe(405);
    expect(response.body).toEqual({
      error: 'Incorrect HTTP method for uri [/_cluster/health] and method [DELETE], allowed: [GET]',
      status: 405,
    });
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('answers an unknown endpoint with ES "no handler found" 400', async () => {
    const response = await raw(sandbox, 'GET', '/foo/bar?x=1');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'no handler found for uri [/foo/bar?x=1] and method [GET]' });
  });

  it('rejects unknown query parameters with illegal_argument_exception', async () => {
    const response = await raw(sandbox, 'GET', '/_cluster/health?bogus=1');
    expect(response.status).toBe(400);
    expect(response.body.error.type).toBe('illegal_argument_exception');
    expect(response.body.error.reason).toBe(
      'request [/_cluster/health] contains unrecognized parameter: [bogus]',
    );
    expect(response.body.error.root_cause[0].type).toBe('illegal_argument_exception');
    const suggestion = await raw(sandbox, 'GET', '/_cluster/health?levels=x');
    expect(suggestion.body.error.reason).toContain('[levels] -> did you mean [level]?');
  });

  it('answers malformed JSON with a 400 x_content_parse_exception', async () => {
    const response = await raw(sandbox, 'PUT', '/bad-json', '{"settings": {');
    expect(response.status).toBe(400);
    expect(response.body.error.type).toBe('x_content_parse_exception');
    expect(response.body.status).toBe(400);
  });

  it('rejects a body without a supported content type with 406', async () => {
    const response = await raw(sandbox, 'PUT', '/ct', '{}', { 'Content-Type': 'text/plain' });
    expect(response.status).toBe(406);
    expect(response.body).toEqual({
      error: 'Content-Type header [text/plain] is not supported',
      status: 406,
    });
  });

  it('accepts compatible-with=8 and answers in that media type; rejects compatible-with=9', async () => {
    const ok = await raw(sandbox, 'GET', '/', undefined, {
      Accept: 'application/vnd.elasticsearch+json; compatible-with=8',
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('application/vnd.elasticsearch+json');
    const bad = await raw(sandbox, 'GET', '/', undefined, {
      Accept: 'application/vnd.elasticsearch+json; compatible-with=9',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.type).toBe('media_type_header_exception');
    expect(bad.body.error.caused_by.type).toBe('status_exception');
    expect(bad.body.error.caused_by.reason).toContain(
      'Accept version must be either version 8 or 7, but found 9',
    );
  });

  it('supports pretty and filter_path', async () => {
    const pretty = await raw(sandbox, 'GET', '/?pretty');
    expect(pretty.text).toContain('\n  "name"');
    const filtered = await raw(sandbox, 'GET', '/?filter_path=version.number,tagline');
    expect(Object.keys(filtered.body).sort()).toEqual(['tagline', 'version']);
    expect(Object.keys(filtered.body.version)).toEqual(['number']);
  });

  it('surfaces ES errors through the ES client as ResponseError with the envelope', async () => {
    const client = esClient(sandbox);
    const error = await client.indices.get({ index: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.ResponseError);
    const body = (error as errors.ResponseError).body as Record<string, any>;
    expect((error as errors.ResponseError).statusCode).toBe(404);
    expect(body.error.type).toBe('index_not_found_exception');
    expect(body.error.reason).toBe('no such index [nope]');
    expect(body.error['resource.id']).toBe('nope');
    expect(body.error.index_uuid).toBe('_na_');
  });
});

describe('sandbox HTTP surface (opensearch flavour)', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ flavor: 'opensearch' });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('reports OpenSearch 2.19.x without the Elastic product header', async () => {
    const response = await osClient(sandbox).info();
    expect(response.body.version.distribution).toBe('opensearch');
    expect(response.body.version.number).toMatch(/^2\.19\.\d+$/);
    const plain = await raw(sandbox, 'GET', '/');
    expect(plain.headers.get('x-elastic-product')).toBeNull();
  });

  it('ignores compatible-with=9 (an ES-only check)', async () => {
    const response = await raw(sandbox, 'GET', '/', undefined, {
      Accept: 'application/vnd.elasticsearch+json; compatible-with=9',
    });
    expect(response.status).toBe(200);
  });

  it('rejects master_timeout together with cluster_manager_timeout', async () => {
    await raw(sandbox, 'PUT', '/_snapshot/r', { type: 'fs', settings: { location: 'r' } });
    const response = await raw(
      sandbox,
      'GET',
      '/_snapshot/r/_all?master_timeout=1s&cluster_manager_timeout=1s',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.type).toBe('parse_exception');
    expect(response.body.error.reason).toBe(
      'Please only use one of the request parameters [master_timeout, cluster_manager_timeout].',
    );
  });
});
