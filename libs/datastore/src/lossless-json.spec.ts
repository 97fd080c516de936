import * as fc from 'fast-check';
import { stringify } from 'lossless-json';
import { ElasticsearchLosslessSerializer } from './elasticsearch/elasticsearch-serializer.js';
import { parseJson, stringifyJson } from './lossless-json.js';
import { OpenSearchLosslessSerializer } from './opensearch/opensearch-serializer.js';

const MAX_LONG = 9223372036854775807n;

describe('lossless JSON', () => {
  it('writes a bigint as its exact digits', () => {
    expect(stringifyJson({ metadata: { backupId: MAX_LONG, partNo: 1 } })).toBe(
      '{"metadata":{"backupId":9223372036854775807,"partNo":1}}',
    );
    expect(stringifyJson({ id: 9007199254740993n })).toBe('{"id":9007199254740993}');
  });

  it('reads integers beyond 2^53 as exact bigints and everything else as numbers', () => {
    expect(
      parseJson(
        '{"a":9223372036854775807,"b":9007199254740993,"c":-9007199254740993,"d":42,"e":1.5,"f":1e3}',
      ),
    ).toEqual({
      a: MAX_LONG,
      b: 9007199254740993n,
      c: -9007199254740993n,
      d: 42,
      e: 1.5,
      f: 1000,
    });
    expect(parseJson('{"safe":9007199254740991}')).toEqual({ safe: Number.MAX_SAFE_INTEGER });
  });

  it('round-trips exactly', () => {
    const value = {
      backupId: MAX_LONG,
      version: '8.8.0',
      partNo: 2,
      partCount: 6,
      nested: [1n << 62n, null, true],
    };
    expect(parseJson(stringifyJson(value))).toEqual({ ...value, nested: [1n << 62n, null, true] });
  });

  it('behaves like JSON for everything else', () => {
    const value = { a: 'x"y', b: [1, { c: null }], d: undefined, e: new Date(0) };
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
    expect(parseJson('{"__proto__":{"polluted":true}}')).not.toHaveProperty('polluted');
  });
});

describe.each([
  ['elasticsearch', new ElasticsearchLosslessSerializer()],
  ['opensearch', new OpenSearchLosslessSerializer()],
])('%s client serializer', (_name, serializer) => {
  it('sends and reads back backupId 9223372036854775807 exactly', () => {
    const wire = serializer.serialize({ indices: ['a'], metadata: { backupId: MAX_LONG } });
    expect(wire).toBe('{"indices":["a"],"metadata":{"backupId":9223372036854775807}}');
    const back = serializer.deserialize(
      '{"snapshots":[{"snapshot":"s","metadata":{"backupId":9223372036854775807,"partNo":1}}]}',
    );
    expect(back).toEqual({ snapshots: [{ snapshot: 's', metadata: { backupId: MAX_LONG, partNo: 1 } }] });
  });

  it('reports bad JSON as the client does', () => {
    expect(() => serializer.deserialize('{"a":')).toThrow(/./);
    let thrown: unknown;
    try {
      serializer.deserialize('nope');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).name).toBe('DeserializationError');
  });
});

describe('parseJson', () => {
  it('keeps the largest exact number as a number and anything longer as a bigint', () => {
    expect(parseJson('{"a":999999999999999,"b":-999999999999999,"c":1.5}')).toEqual({
      a: 999999999999999,
      b: -999999999999999,
      c: 1.5,
    });
    expect(parseJson('{"a":9007199254740993,"b":[1,9223372036854775807]}')).toEqual({
      a: 9007199254740993n,
      b: [1, 9223372036854775807n],
    });
  });

  it('reads a 16-digit run inside a string without changing the numbers around it', () => {
    expect(parseJson('{"uuid":"a1234567890123456b","n":42}')).toEqual({ uuid: 'a1234567890123456b', n: 42 });
  });
});

describe('stringifyJson', () => {
  it('writes bigints as plain numbers, strings that look like markers unchanged', () => {
    expect(stringifyJson({ a: 9223372036854775807n, b: [-5n, 1], c: 'x:12', d: null })).toBe(
      '{"a":9223372036854775807,"b":[-5,1],"c":"x:12","d":null}',
    );
    expect(stringifyJson({ plain: 'text', n: 1.5 })).toBe('{"plain":"text","n":1.5}');
  });

  it('writes what the lossless reference writes, for any value, without changing it', () => {
    const leaf = fc.oneof(
      fc.bigInt(),
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node')),
        fc.dictionary(fc.string(), tie('node')),
      ),
    })).node;
    fc.assert(
      fc.property(value, (input) => {
        const before = stringify(input);
        expect(stringifyJson(input)).toBe(before);
        expect(stringify(input)).toBe(before);
      }),
      { numRuns: 500 },
    );
    const when = new Date(0);
    expect(stringifyJson({ when, id: 1n })).toBe('{"when":"1970-01-01T00:00:00.000Z","id":1}');
  });
});
