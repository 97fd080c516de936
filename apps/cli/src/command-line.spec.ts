import { parseCommandLine, UsageError } from './command-line.js';

describe('parseCommandLine', () => {
  it('reads words and options', () => {
    const line = parseCommandLine(
      ['backup', 'create', '--components', 'optimize, zeebe', '--wait', '--json'],
      {},
    );
    expect(line).toMatchObject({
      words: ['backup', 'create'],
      components: ['optimize', 'zeebe'],
      wait: true,
      json: true,
      url: 'http://127.0.0.1:9700',
      timeoutSeconds: 3600,
    });
    expect(parseCommandLine(['backup', 'list'], { CAMUNDA_BACKUP_URL: 'http://o:1' }).url).toBe('http://o:1');
  });

  it('reads --yes and the list filters', () => {
    expect(parseCommandLine(['backup', 'delete', '5', '--yes'], {}).yes).toBe(true);
    expect(parseCommandLine(['backup', 'delete', '5'], {}).yes).toBe(false);
    expect(
      parseCommandLine(['backup', 'list', '--state', 'FAILED', '--limit', '5', '--before', '9'], {}).filters,
    ).toEqual({ state: 'FAILED', limit: '5', before: '9' });
  });

  it('refuses unknown options and bad timeouts', () => {
    expect(() => parseCommandLine(['backup', 'list', '--colour'], {})).toThrow(UsageError);
    expect(() => parseCommandLine(['restore', '1', '--timeout', '0'], {})).toThrow(/--timeout/);
  });
});
