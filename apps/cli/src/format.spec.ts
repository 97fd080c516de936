import { durationBetween, formatReasons, humanDuration, humanSize, shortTime, wrapText } from './format.js';

describe('CLI formatting', () => {
  it('shows durations in the two largest units', () => {
    expect(humanDuration(252_000)).toBe('4m 12s');
    expect(humanDuration(850)).toBe('850ms');
    expect(humanDuration(12_999)).toBe('12s');
    expect(humanDuration(7_500_000)).toBe('2h 5m');
    expect(humanDuration(3 * 86_400_000 + 4 * 3_600_000 + 5000)).toBe('3d 4h');
    expect(humanDuration(null)).toBe('-');
    expect(humanDuration(-1)).toBe('-');
    expect(durationBetween('2026-01-01T00:00:00.000Z', '2026-01-01T00:04:12.400Z')).toBe('4m 12s');
    expect(durationBetween('2026-01-01T00:00:00.000Z', null)).toBe('-');
  });

  it('shows sizes in binary units and times in UTC to the second', () => {
    expect(humanSize(512)).toBe('512 B');
    expect(humanSize(1536)).toBe('1.5 KiB');
    expect(humanSize(12 * 1024 * 1024 + 1)).toBe('12 MiB');
    expect(humanSize(undefined)).toBe('-');
    expect(shortTime('2026-12-03T14:05:07.123+01:00')).toBe('2026-12-03 13:05:07Z');
    expect(shortTime(null)).toBe('-');
  });

  it('wraps at spaces to the width, with a hanging indent, cutting words longer than a line', () => {
    const lines = wrapText('the quick brown fox jumps over the lazy dog', 24, '  ', '    ');
    expect(lines).toEqual(['  the quick brown fox', '    jumps over the lazy', '    dog']);
    expect(lines.every((line) => line.length <= 24)).toBe(true);
    expect(wrapText('x'.repeat(50), 20)).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(10)]);
    expect(wrapText('', 20)).toEqual(['']);
  });

  it('shows each reason once, under every label it applies to', () => {
    const backupReason = 'operate: snapshot camunda_operate_1_8.8.0_part_3_of_6 FAILED: disk full';
    expect(
      formatReasons(
        [
          { label: 'backup', text: backupReason },
          { label: 'operate', text: 'snapshot camunda_operate_1_8.8.0_part_3_of_6 FAILED: disk full' },
          { label: 'operate part 3', text: 'disk full' },
          { label: 'resume-exporting', text: null },
          { label: 'zeebe', text: 'broker unreachable' },
          { label: 'step zeebe-records', text: `an earlier step failed: ${backupReason}` },
          { label: 'step zeebe-backup', text: `an earlier step failed: ${backupReason}` },
        ],
        200,
      ),
    ).toEqual([
      'Reasons:',
      `  backup, operate, operate part 3: ${backupReason}`,
      '  zeebe: broker unreachable',
      '  step zeebe-records, step zeebe-backup: an earlier step failed: (see above)',
    ]);
    expect(formatReasons([{ label: 'backup', text: null }], 100)).toEqual([]);
    const wrapped = formatReasons([{ label: 'backup', text: 'word '.repeat(40) }], 40);
    expect(wrapped.length).toBeGreaterThan(3);
    expect(wrapped.slice(1).every((line) => line.length <= 40)).toBe(true);
  });
});
