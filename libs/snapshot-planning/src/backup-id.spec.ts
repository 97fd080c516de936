import * as fc from 'fast-check';
import {
  BACKUP_ID_RULE,
  isValidBackupId,
  MAX_BACKUP_ID,
  parseBackupId,
  parseBackupIdText,
  requireBackupId,
} from './backup-id.js';

function expectRejected(result: ReturnType<typeof parseBackupId>): string {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.message;
}

describe('parseBackupIdText', () => {
  it.each([
    ['1', 1n],
    ['123', 123n],
    ['9007199254740993', 9007199254740993n],
    ['9223372036854775807', MAX_BACKUP_ID],
    ['007', 7n],
    ['0000000000000000000000009223372036854775807', MAX_BACKUP_ID],
  ])('accepts %s', (text, expected) => {
    expect(parseBackupIdText(text)).toEqual({ ok: true, value: expected });
  });

  it('keeps 2^53 + 1 exact', () => {
    const result = parseBackupIdText('9007199254740993');
    expect(result.ok && result.value.toString()).toBe('9007199254740993');
  });

  it.each([
    '0',
    '00',
    '-1',
    '1.5',
    '1.0',
    '1e3',
    '1E3',
    '+1',
    ' 1',
    '1 ',
    '1 2',
    '',
    '*',
    '1*',
    '1,2',
    ',',
    '_all',
    '%2A',
    'abc',
    '12a',
    '0x10',
    '١٢',
    '9223372036854775808',
    '99999999999999999999',
    '1'.repeat(200),
    '0'.repeat(100) + '1',
    'NaN',
    'Infinity',
  ])('rejects %j with the rule', (text) => {
    const message = expectRejected(parseBackupIdText(text));
    expect(message).toBe(
      `${BACKUP_ID_RULE}; got ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`,
    );
  });

  it('states the rule and quotes what was received', () => {
    expect(expectRejected(parseBackupIdText('1.5'))).toBe(
      'backupId must be a positive integer from 1 to 9223372036854775807 (a JSON number or a string of digits); got "1.5"',
    );
  });

  it('truncates long input in the message', () => {
    const message = expectRejected(parseBackupIdText('x'.repeat(10_000)));
    expect(message.length).toBeLessThan(BACKUP_ID_RULE.length + 60);
    expect(message).toContain(`"${'x'.repeat(40)}…"`);
  });

  it('escapes control characters and quotes in the message', () => {
    const message = expectRejected(parseBackupIdText('1"\n\u0000<b>'));
    expect(message).toContain('got "1\\"\\n\\u0000<b>"');
    expect(message).not.toContain('\n');
  });

  it('round-trips every valid ID through its decimal text (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_BACKUP_ID }), fc.nat({ max: 5 }), (id, leadingZeros) => {
        expect(parseBackupIdText(id.toString())).toEqual({ ok: true, value: id });
        expect(parseBackupIdText('0'.repeat(leadingZeros) + id.toString())).toEqual({ ok: true, value: id });
      }),
    );
  });

  it('rejects every ID beyond the range (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: MAX_BACKUP_ID + 1n, max: MAX_BACKUP_ID * 1000n }), (id) => {
        expect(parseBackupIdText(id.toString()).ok).toBe(false);
      }),
    );
  });

  it('accepts a text only if it is all digits (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 25 }), (text) => {
        const result = parseBackupIdText(text);
        const value = result.ok ? result.value : null;
        expect(value === null || (/^[0-9]+$/.test(text) && value === BigInt(text))).toBe(true);
      }),
    );
  });
});

describe('parseBackupId', () => {
  it.each([
    [1, 1n],
    [123456, 123456n],
    [Number.MAX_SAFE_INTEGER, 9007199254740991n],
    [1n, 1n],
    [9007199254740993n, 9007199254740993n],
    [MAX_BACKUP_ID, MAX_BACKUP_ID],
    ['42', 42n],
    ['9223372036854775807', MAX_BACKUP_ID],
  ])('accepts %s', (value, expected) => {
    expect(parseBackupId(value)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [0, 'got 0'],
    [-0, 'got 0'],
    [-1, 'got -1'],
    [1.5, 'got 1.5'],
    [Number.NaN, 'got NaN'],
    [Number.POSITIVE_INFINITY, 'got Infinity'],
    [Number.NEGATIVE_INFINITY, 'got -Infinity'],
    [0n, 'got 0'],
    [-5n, 'got -5'],
    [MAX_BACKUP_ID + 1n, 'got 9223372036854775808'],
    [true, 'got true'],
    [false, 'got false'],
    [null, 'got null'],
    [{}, 'got an object'],
    [{ backupId: 1 }, 'got an object'],
    [[1], 'got an array'],
    [[], 'got an array'],
    [Symbol('x'), 'got a symbol'],
    [() => 1, 'got a function'],
  ])('rejects %s', (value, rendering) => {
    const message = expectRejected(parseBackupId(value));
    expect(message).toBe(`${BACKUP_ID_RULE}; ${rendering}`);
  });

  it('says the ID must be provided when it is missing', () => {
    const message = expectRejected(parseBackupId(undefined));
    expect(message).toMatch(/^backupId must be provided/);
    expect(message).toContain('9223372036854775807');
  });

  it('rejects numbers beyond 2^53 because they may already be rounded', () => {
    // 9007199254740993 as a JS number is 9007199254740992: the parser never sees the real ID.
    const message = expectRejected(parseBackupId(Number('9007199254740993')));
    expect(message).toContain(BACKUP_ID_RULE);
    expect(message).toContain('got 9007199254740992');
    expect(expectRejected(parseBackupId(1e21))).toContain('got 1e+21');
  });

  it('truncates huge bigints in the message', () => {
    const message = expectRejected(parseBackupId(10n ** 100n));
    expect(message).toContain(`got ${'1' + '0'.repeat(39)}…`);
  });

  it('delegates strings to parseBackupIdText', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        expect(parseBackupId(text)).toEqual(parseBackupIdText(text));
      }),
    );
  });

  it('accepts every safe positive integer and returns it exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (id) => {
        expect(parseBackupId(id)).toEqual({ ok: true, value: BigInt(id) });
      }),
    );
  });
});

describe('isValidBackupId and requireBackupId', () => {
  it('checks the range', () => {
    expect(isValidBackupId(1n)).toBe(true);
    expect(isValidBackupId(MAX_BACKUP_ID)).toBe(true);
    expect(isValidBackupId(0n)).toBe(false);
    expect(isValidBackupId(MAX_BACKUP_ID + 1n)).toBe(false);
  });

  it('returns the ID or throws the rule', () => {
    expect(requireBackupId('12')).toBe(12n);
    expect(() => requireBackupId('*')).toThrow(BACKUP_ID_RULE);
  });
});
