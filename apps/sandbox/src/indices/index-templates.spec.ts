import { applyTemplate, findTemplateFor, parseIndexTemplate, patternsOverlap } from './index-templates.js';

describe('composable index templates', () => {
  it('reads a template body and refuses what Elasticsearch refuses', () => {
    const template = parseIndexTemplate('t', {
      index_patterns: 'logs-*',
      template: { settings: { number_of_shards: 2 }, aliases: { logs: {} } },
      priority: 5,
    });
    expect(template).toMatchObject({
      indexPatterns: ['logs-*'],
      settings: { 'index.number_of_shards': '2' },
      aliases: { logs: {} },
      priority: 5,
      composedOf: [],
    });
    expect(() => parseIndexTemplate('t', {})).toThrow(/index patterns are missing/);
    expect(() => parseIndexTemplate('Upper', { index_patterns: ['a*'] })).toThrow(
      /index_template \[Upper\] invalid, cause \[name must be lower cased\]/,
    );
    expect(() => parseIndexTemplate('t', { index_patterns: ['a*'], priority: -1 })).toThrow(/priority/);
    expect(() => parseIndexTemplate('t', { index_patterns: ['a*'], nope: 1 })).toThrow(
      /unknown field \[nope\]/,
    );
  });

  it('chooses the matching template with the highest priority, skipping `*` for hidden indices', () => {
    const low = parseIndexTemplate('low', { index_patterns: ['op*'], priority: 1 });
    const high = parseIndexTemplate('high', { index_patterns: ['operate-*'], priority: 9 });
    const global = parseIndexTemplate('global', { index_patterns: ['*'] });
    expect(findTemplateFor([low, high, global], 'operate-x', false)?.name).toBe('high');
    expect(findTemplateFor([low, high, global], 'other', false)?.name).toBe('global');
    expect(findTemplateFor([low, high, global], 'other', true)).toBeUndefined();
  });

  it('puts the request over the template: settings and aliases per key, mappings deeply', () => {
    const template = parseIndexTemplate('t', {
      index_patterns: ['a*'],
      template: {
        settings: { number_of_shards: 3, number_of_replicas: 0 },
        mappings: { properties: { a: { type: 'keyword' }, b: { type: 'long' } } },
        aliases: { read: {} },
      },
    });
    const applied = applyTemplate(template, {
      settings: { index: { number_of_shards: 1 } },
      mappings: { properties: { b: { type: 'text' } } },
      aliases: { write: {} },
    });
    expect(applied).toEqual({
      settings: { 'index.number_of_shards': '1', 'index.number_of_replicas': '0' },
      mappings: { properties: { a: { type: 'keyword' }, b: { type: 'text' } } },
      aliases: { read: {}, write: {} },
    });
  });

  it('sees overlapping patterns', () => {
    expect(patternsOverlap('operate-*', 'operate-list-view-8.3.0_*')).toBe(true);
    expect(patternsOverlap('operate-list-view-8.3.0_*', 'operate-variable-8.3.0_*')).toBe(false);
    expect(patternsOverlap('camunda-usage-metric-8.8.0_*', 'camunda-usage-metric-tu-8.8.0_*')).toBe(false);
    expect(patternsOverlap('abc', 'a*')).toBe(true);
    expect(patternsOverlap('a*b', 'a*c')).toBe(false);
  });
});
