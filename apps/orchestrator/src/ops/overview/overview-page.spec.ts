import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { summarizeComponents } from './component-summary.js';
import { formatAge, formatBytes, formatDate, formatDuration } from './display-format.js';
import { escapeHtml, html } from './html.js';
import type { OverviewData } from './overview-data.js';
import { renderErrorPage, renderOverviewPage } from './overview-page.js';

const NOW = Date.parse('2026-12-03T14:05:09Z');
/** The page with whitespace runs as one space (the templates are formatted source). */
function render(overview: OverviewData): string {
  return renderOverviewPage(overview, LINKS).replace(/\s+/g, ' ');
}

const LINKS = { queues: '/queues', catalog: '/api/v1/backups', apiDocs: '/api-docs' };

function entry(backupId: bigint, overrides: Partial<CatalogEntry>): CatalogEntry {
  return {
    backupId,
    kind: 'coordinated',
    generation: '8.7',
    trigger: 'api',
    state: 'COMPLETED',
    failureReason: null,
    acceptedAt: '2026-12-03T11:00:00.000Z',
    startedAt: '2026-12-03T11:00:01.000Z',
    finishedAt: '2026-12-03T11:02:01.000Z',
    durationMs: 121_000,
    sizeBytes: 3 * 1024 * 1024,
    components: {
      operate: {
        state: 'COMPLETED',
        failureReason: null,
        startedAt: '2026-12-03T11:00:01.000Z',
        finishedAt: '2026-12-03T11:01:00.000Z',
        sizeBytes: 1024,
      },
    },
    ...overrides,
  } as CatalogEntry;
}

const failed = entry(20261203002n, {
  state: 'FAILED',
  trigger: 'schedule',
  failureReason: 'operate: <script>alert(1)</script> snapshot failed',
  finishedAt: '2026-12-03T13:05:09.000Z',
  durationMs: 5000,
  sizeBytes: null,
  components: {
    operate: {
      state: 'FAILED',
      failureReason: '<script>alert(1)</script> snapshot failed',
      startedAt: '2026-12-03T13:05:00.000Z',
      finishedAt: '2026-12-03T13:05:09.000Z',
      sizeBytes: null,
    },
  },
});
const good = entry(20261203001n, {});

function data(overrides: Partial<OverviewData> = {}): OverviewData {
  return {
    nowMs: NOW,
    entries: [failed, good],
    moreEntries: false,
    schedules: [
      {
        name: 'coordinated',
        cron: '30 2 * * *',
        timeZone: 'UTC',
        nextRunAt: '2026-12-04T02:30:00.000Z',
        retention: { count: 14, maxAgeMs: 7 * 86_400_000 },
        lastRun: null,
      },
    ],
    components: ['operate', 'tasklist'],
    freshness: null,
    ...overrides,
  };
}

describe('overview page formats', () => {
  it('writes dates with day, seconds and time zone, and ages in the largest unit', () => {
    expect(formatDate('2026-12-03T14:05:09.123Z')).toBe('2026-12-03 14:05:09 UTC');
    expect(formatDate(null)).toBe('—');
    expect(formatAge('2026-12-03T11:05:09Z', NOW)).toBe('3 h ago');
    expect(formatAge('2026-12-03T14:04:30Z', NOW)).toBe('39 s ago');
    expect(formatAge('2026-12-04T02:30:00Z', NOW)).toBe('in 12 h');
    expect(formatAge('2026-12-01T14:05:09Z', NOW)).toBe('2 d ago');
    expect(formatAge('2026-12-03T14:05:09Z', NOW)).toBe('just now');
  });

  it('writes durations and sizes', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(26 * 3_600_000)).toBe('26 h');
    expect(formatDuration(7 * 86_400_000)).toBe('7 d');
    expect(formatDuration(3_600_000 + 7 * 60_000)).toBe('1 h 07 min');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536 * 1024)).toBe('1.50 MiB');
    expect(formatBytes(null)).toBe('—');
  });

  it('escapes every interpolated value but nested markup', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"'}">${inner}${[html`<br />`, '&']}${null}${undefined}${false}</p>`.markup).toBe(
      '<p title="&quot;"><b>&lt;i&gt;</b><br />&amp;</p>',
    );
  });
});

describe('overview page', () => {
  it('summarizes each component: last good backup, newest failure with its reason', () => {
    const [operate, tasklist] = summarizeComponents(data());
    expect(operate).toMatchObject({
      name: 'operate',
      lastGood: { backupId: '20261203001', finishedAt: '2026-12-03T11:01:00.000Z' },
      newestFailure: {
        backupId: '20261203002',
        state: 'FAILED',
        reason: '<script>alert(1)</script> snapshot failed',
      },
    });
    expect(tasklist).toMatchObject({ name: 'tasklist', lastGood: null, newestFailure: null });
  });

  it('shows a failed backup as failed, with its reason escaped, dates with time zone and age', () => {
    const page = render(data());
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; snapshot failed');
    expect(page).toMatch(/<tr data-backup-id="20261203002" class="state-failed">/);
    expect(page).toContain('<span class="state state-failed">FAILED</span>');
    expect(page).toMatch(/<tr data-backup-id="20261203001" class="state-completed">/);
    expect(page).toContain('2026-12-03 11:01:00 UTC</time> <span class="age">(3 h ago)</span>');
    expect(page).toContain('2026-12-04 02:30:00 UTC</time> <span class="age">(in 12 h)</span>');
    expect(page).toContain('keep the newest 14, delete after 7 d');
    expect(page).toContain('<td>schedule</td>');
    expect(page).toContain('2 min 01 s');
    expect(page).toContain('3.00 MiB');
    expect(page).toContain('href="/queues"');
  });

  it('draws one dot per finished backup, the failed one red, oldest left', () => {
    const page = render(data());
    const durationChart = /<svg[^>]*aria-label="Duration per backup"[\s\S]*?<\/svg>/.exec(page)![0];
    const dots = [...durationChart.matchAll(/<circle cx="([\d.]+)"[^>]*class="([^"]+)" ><title>([^<]*)</g)];
    expect(dots.map((d) => [d[2], d[3].split(' · ')[0]])).toEqual([
      ['point', '20261203001'],
      ['point point-failed', '20261203002'],
    ]);
    expect(Number(dots[0]![1])).toBeLessThan(Number(dots[1]![1]));
    expect(durationChart).toContain('<polyline');
    // Only the good backup reported a size.
    const sizeChart = /<svg[^>]*aria-label="Size per backup"[\s\S]*?<\/svg>/.exec(page)![0];
    expect(sizeChart.match(/<circle/g)).toHaveLength(1);
  });

  it('says what is missing: no schedule, no backups, freshness off', () => {
    const page = render(data({ entries: [], schedules: [] }));
    expect(page).toContain('BACKUP_SCHEDULE is not set');
    expect(page).toContain('No backups in the repository yet.');
    expect(page).toContain('No finished backups yet.');
    expect(page).toContain('BACKUP_FRESHNESS_MAX_AGE not set');
  });

  it('shows freshness verdicts next to the last good backup', () => {
    const page = render(
      data({
        freshness: {
          maxAgeMs: 3_600_000,
          byComponent: {
            operate: {
              status: 'DOWN',
              details: {
                maxAgeSeconds: 3600,
                newestCompletedBackupId: '20261203001',
                completedAt: '2026-12-03T11:00:01.000Z',
                ageSeconds: 11_108,
                message: 'the newest COMPLETED backup is older than 3600 s',
              },
            },
          },
        },
      }),
    );
    expect(page).toContain('Freshness (max 1 h)');
    expect(page).toContain(
      '<span class="state state-failed" >DOWN</span > the newest COMPLETED backup is older than 3600 s',
    );
  });

  it('renders an error page with the status and an escaped message', () => {
    const page = renderErrorPage(502, 'Cannot reach the datastore: <down>').replace(/\s+/g, ' ');
    expect(page).toContain('<span class="state state-failed">502</span>');
    expect(page).toContain('Cannot reach the datastore: &lt;down&gt;');
  });
});
