import { parseExactJson, stringifyExactJson } from './exact-json.js';

describe('exact JSON', () => {
  it('parses integers as bigint with every digit kept, other numbers as numbers', () => {
    expect(parseExactJson('{"a":9007199254740993,"b":9223372036854775807,"c":1.5,"d":-1,"e":"7"}')).toEqual({
      a: 9007199254740993n,
      b: 9223372036854775807n,
      c: 1.5,
      d: -1n,
      e: '7',
    });
  });

  it('writes bigint as a plain JSON number', () => {
    expect(stringifyExactJson({ backupId: 9223372036854775807n, state: null })).toBe(
      '{"backupId":9223372036854775807,"state":null}',
    );
  });

  it('refuses malformed JSON', () => {
    expect(() => parseExactJson('{backupId: 1}')).toThrow();
  });
});
