import {
  expectedIdOrPrefix,
  matchesPrefix,
  parseBackupRuntimePath,
  parseJavaLong,
} from './backup-runtime-path.js';

describe('backupRuntime path parsing', () => {
  it('reads the collection, IDs and prefixes as Zeebe 8.8 does', () => {
    expect(parseBackupRuntimePath([], false)).toEqual({ kind: 'collection' });
    expect(parseBackupRuntimePath(['42'], false)).toEqual({ kind: 'id', id: 42n });
    expect(parseBackupRuntimePath(['007'], false)).toEqual({ kind: 'id', id: 7n });
    expect(parseBackupRuntimePath(['-3'], false)).toEqual({ kind: 'id', id: -3n });
    expect(parseBackupRuntimePath(['2025*'], false)).toEqual({ kind: 'prefix', prefix: '2025' });
    expect(parseBackupRuntimePath(['*'], false)).toEqual({ kind: 'prefix', prefix: '' });
  });

  it('answers the exact 400 messages for what is neither an ID nor a prefix', () => {
    expect(parseBackupRuntimePath(['abc'], false)).toEqual({
      kind: 'invalid',
      message: "Expected a backup ID or prefix ending with '*', but got 'abc'.",
    });
    expect(parseBackupRuntimePath(['9223372036854775808'], false)).toEqual({
      kind: 'invalid',
      message: expectedIdOrPrefix('9223372036854775808'),
    });
    expect(parseBackupRuntimePath(['1', '2'], false)).toEqual({
      kind: 'invalid',
      message: 'Invalid arguments provided.',
    });
  });

  it('knows the state endpoints only from 8.9 on', () => {
    expect(parseBackupRuntimePath(['state'], true)).toEqual({ kind: 'state' });
    expect(parseBackupRuntimePath(['state', 'sync'], true)).toEqual({ kind: 'state-sync' });
    expect(parseBackupRuntimePath(['state', 'other'], true)).toEqual({
      kind: 'invalid',
      message: 'Invalid arguments provided.',
    });
    expect(parseBackupRuntimePath(['state'], false)).toEqual({
      kind: 'invalid',
      message: "Expected a backup ID or prefix ending with '*', but got 'state'.",
    });
    expect(parseBackupRuntimePath(['state', 'sync'], false)).toEqual({
      kind: 'invalid',
      message: 'Invalid arguments provided.',
    });
  });

  it('parses Java longs and matches prefixes on the decimal form', () => {
    expect(parseJavaLong('9223372036854775807')).toBe(9223372036854775807n);
    expect(parseJavaLong('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(parseJavaLong('1.5')).toBeUndefined();
    expect(parseJavaLong('')).toBeUndefined();
    expect(matchesPrefix(20250612n, '2025')).toBe(true);
    expect(matchesPrefix(12025n, '2025')).toBe(false);
    expect(matchesPrefix(5n, '')).toBe(true);
  });
});
