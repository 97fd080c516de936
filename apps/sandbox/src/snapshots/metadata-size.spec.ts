import { parseJson } from '../common/json.js';
import { javaDouble, metadataJsonSize } from './metadata-size.js';

// Elasticsearch 8 and OpenSearch 2 both measure metadata as the length of its compact JSON
// rendering (CreateSnapshotRequest.metadataSize: XContentFactory.jsonBuilder().value(map)); the
// expected numbers are those of Elasticsearch's CreateSnapshotRequestTests.
describe('snapshot metadata size (CreateSnapshotRequest.metadataSize)', () => {
  it('counts a 512-character key with a 506-character value as 1025 bytes', () => {
    expect(metadataJsonSize({ ['k'.repeat(512)]: 'v'.repeat(506) })).toBe(1025);
  });

  it('counts a nested map (10+10 and 11 -> {500 -> 500}) as 1049 bytes', () => {
    const metadata = {
      ['a'.repeat(10)]: 'b'.repeat(10),
      ['c'.repeat(11)]: { ['k'.repeat(500)]: 'v'.repeat(500) },
    };
    expect(metadataJsonSize(metadata)).toBe(1049);
  });

  it('renders numbers, booleans, null, arrays and escapes like Jackson', () => {
    expect(metadataJsonSize({})).toBe(2);
    expect(metadataJsonSize({ a: 1 })).toBe('{"a":1}'.length);
    expect(metadataJsonSize(parseJson('{"a":9223372036854775807}') as Record<string, unknown>)).toBe(
      '{"a":9223372036854775807}'.length,
    );
    expect(metadataJsonSize({ a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"]}'.length);
    expect(metadataJsonSize({ a: 'é' })).toBe('{"a":"é"}'.length + 1);
    expect(metadataJsonSize({ a: 'x"y\n' })).toBe('{"a":"x\\"y\\n"}'.length);
    expect(metadataJsonSize({ a: 1.5 })).toBe('{"a":1.5}'.length);
  });

  it('writes doubles as Java Double.toString does', () => {
    expect(javaDouble(1.5)).toBe('1.5');
    expect(javaDouble(0.001)).toBe('0.001');
    expect(javaDouble(0.0001)).toBe('1.0E-4');
    expect(javaDouble(12345678.9)).toBe('1.23456789E7');
    expect(javaDouble(-2.5e-7)).toBe('-2.5E-7');
  });
});
