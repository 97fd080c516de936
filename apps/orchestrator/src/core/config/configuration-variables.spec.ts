import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIGURATION_VARIABLES, configurationTable } from './configuration-variables.js';
import { readOrchestratorConfig } from './orchestrator-config.js';

/** Rows of a Markdown table as trimmed cells, whatever the column padding. */
function rows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('configuration variables', () => {
  it('list exactly the variables the configuration reader reads', () => {
    const read = new Set<string>();
    const recording = new Proxy({} as Record<string, string | undefined>, {
      get: (_target, name) => {
        if (typeof name === 'string') read.add(name);
        return undefined;
      },
    });
    readOrchestratorConfig(recording);
    const listed = new Set(CONFIGURATION_VARIABLES.map((variable) => variable.name));
    expect([...read].filter((name) => !listed.has(name))).toEqual([]);
    expect([...listed].filter((name) => !read.has(name))).toEqual([]);
  });

  it('are the table of docs/configuration.md', () => {
    const docs = readFileSync(join(import.meta.dirname, '../../../../../docs/configuration.md'), 'utf8');
    const documented = rows(docs).filter((row) => /^`[A-Z_]+`$/.test(row[0]!) && row.length === 3);
    expect(documented).toEqual(rows(configurationTable()));
  });

  it('validate the operations variables, naming each', () => {
    const { config, problems } = readOrchestratorConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      HEALTH_CHECK_TIMEOUT_MS: '500',
      DASHBOARD_USERNAME: 'a',
      DASHBOARD_PASSWORD: 'b',
      MANAGEMENT_AUTH_TOKEN: 't',
    });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      logLevel: 'debug',
      healthCheckTimeoutMs: 500,
      dashboard: { username: 'a', password: 'b', allowUnauthenticated: false },
      managementAuth: { token: 't' },
    });
    expect(readOrchestratorConfig({ HOST: '127.0.0.1', MANAGEMENT_USERNAME: 'u' }).problems).toEqual([
      'MANAGEMENT_PASSWORD: must be set together with MANAGEMENT_USERNAME',
    ]);
  });

  it('read freshness and notifications, refusing what is malformed', () => {
    const defaults = readOrchestratorConfig({ HOST: '127.0.0.1' });
    expect(defaults.config?.operations).toEqual({
      freshnessMaxAgeMs: undefined,
      notify: { webhookUrls: [], on: ['failure', 'stale'], format: 'json' },
    });
    const given = readOrchestratorConfig({
      HOST: '127.0.0.1',
      BACKUP_FRESHNESS_MAX_AGE: '26h',
      NOTIFY_WEBHOOK_URLS: 'https://hooks.slack.com/services/T/B/x, http://receiver:8080/hook',
      NOTIFY_ON: 'success, failure,success',
      NOTIFY_WEBHOOK_FORMAT: 'Slack',
    });
    expect(given.problems).toEqual([]);
    expect(given.config?.operations).toEqual({
      freshnessMaxAgeMs: 26 * 3_600_000,
      notify: {
        webhookUrls: ['https://hooks.slack.com/services/T/B/x', 'http://receiver:8080/hook'],
        on: ['success', 'failure'],
        format: 'slack',
      },
    });
    expect(
      readOrchestratorConfig({
        HOST: '127.0.0.1',
        BACKUP_FRESHNESS_MAX_AGE: '26',
        NOTIFY_WEBHOOK_URLS: 'ftp://user:secret@x/y',
        NOTIFY_ON: 'failure,sometimes',
        NOTIFY_WEBHOOK_FORMAT: 'xml',
      }).problems,
    ).toEqual([
      'NOTIFY_WEBHOOK_URLS: "ftp://x/y" is not an http:// or https:// URL',
      'NOTIFY_ON: must list one or more of failure, success, stale, got "failure,sometimes"',
      'BACKUP_FRESHNESS_MAX_AGE: must be a duration like 30d, 12h, 45m or 90s, got "26"',
      'NOTIFY_WEBHOOK_FORMAT: must be one of json, slack, got "xml"',
    ]);
  });
});
