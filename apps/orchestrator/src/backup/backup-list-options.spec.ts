import { DomainError } from '../core/errors/domain-error.js';
import { isSelected, listOptionsFromQuery, parsePattern, snapshotPatternFor } from './backup-list-options.js';

function invalid(query: Record<string, unknown>): DomainError {
  try {
    listOptionsFromQuery(query);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
}

describe('list options (Camunda’s verbose and pattern)', () => {
  it('defaults to a verbose list of every backup', () => {
    expect(listOptionsFromQuery({})).toEqual({ verbose: true, ids: { kind: 'all' } });
    expect(listOptionsFromQuery({ verbose: '', pattern: '' })).toEqual({
      verbose: true,
      ids: { kind: 'all' },
    });
    expect(listOptionsFromQuery({ pattern: '*' }).ids).toEqual({ kind: 'all' });
  });

  it('reads verbose as Spring does and refuses anything else', () => {
    for (const word of ['false', 'FALSE', 'off', 'no', '0'])
      expect(listOptionsFromQuery({ verbose: word }).verbose).toBe(false);
    for (const word of ['true', 'True', 'on', 'yes', '1'])
      expect(listOptionsFromQuery({ verbose: word }).verbose).toBe(true);
    const error = invalid({ verbose: 'maybe' });
    expect(error.kind).toBe('invalid_request');
    expect(error.message).toBe('Invalid verbose: maybe (expected true or false)');
    expect(invalid({ verbose: ['true', 'false'] }).kind).toBe('invalid_request');
  });

  it('accepts Camunda’s valid patterns', () => {
    expect(parsePattern('23')).toEqual({ kind: 'exact', digits: '23' });
    expect(parsePattern('12390*')).toEqual({ kind: 'prefix', prefix: '12390' });
    expect(parsePattern('20250401*')).toEqual({ kind: 'prefix', prefix: '20250401' });
    expect(parsePattern('9'.repeat(19) + '*')).toEqual({ kind: 'prefix', prefix: '9'.repeat(19) });
  });

  it('refuses Camunda’s invalid patterns with "Invalid pattern: <p>"', () => {
    for (const pattern of [
      '23a',
      'backup24*',
      '**',
      '1'.repeat(26),
      ' ',
      '1 *',
      '123*?query=all',
      '*1',
      '1*2',
      '_all',
      '1,2*',
    ]) {
      const error = invalid({ pattern });
      expect(error.kind).toBe('invalid_request');
      expect(error.message).toBe(`Invalid pattern: ${pattern}`);
    }
    expect(invalid({ pattern: ['1*', '2*'] }).message).toBe('Invalid pattern: 1*,2*');
    expect(invalid({ pattern: '1'.repeat(21) }).message).toBe(`Invalid pattern: ${'1'.repeat(21)}`);
  });

  it('builds datastore patterns only from digits, inside the component, ending after the ID or with digits*', () => {
    expect(snapshotPatternFor('operate', { kind: 'all' })).toBe('camunda_operate_*');
    expect(snapshotPatternFor('optimize', { kind: 'prefix', prefix: '12' })).toBe('camunda_optimize_12*');
    expect(snapshotPatternFor('tasklist', { kind: 'exact', digits: '12' })).toBe('camunda_tasklist_12_*');
    // No backup can match: nothing is asked of the datastore.
    expect(snapshotPatternFor('operate', { kind: 'exact', digits: '0' })).toBeUndefined();
    expect(snapshotPatternFor('operate', { kind: 'exact', digits: '012' })).toBeUndefined();
    expect(snapshotPatternFor('operate', { kind: 'exact', digits: '9223372036854775808' })).toBeUndefined();
    expect(snapshotPatternFor('operate', { kind: 'exact', digits: '' })).toBeUndefined();
    expect(snapshotPatternFor('operate', { kind: 'prefix', prefix: '1'.repeat(20) })).toBeUndefined();
  });

  it('selects backup IDs by the digits of their exact value (beyond 2^53 too)', () => {
    expect(isSelected(123n, { kind: 'prefix', prefix: '12' })).toBe(true);
    expect(isSelected(213n, { kind: 'prefix', prefix: '12' })).toBe(false);
    expect(isSelected(12n, { kind: 'exact', digits: '12' })).toBe(true);
    expect(isSelected(123n, { kind: 'exact', digits: '12' })).toBe(false);
    expect(isSelected(9007199254740993n, { kind: 'prefix', prefix: '9007199254740993' })).toBe(true);
    expect(isSelected(9007199254740992n, { kind: 'exact', digits: '9007199254740993' })).toBe(false);
  });
});
