import { randomUUID } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoordinatedEnv, call, waitForCoordinated } from '../coordinated/coordinated-env.js';
import { launchChromium } from '../support/chromium.js';
import type { DaemonHandle } from '../support/daemon.js';
import { summarizePng } from '../support/png.js';
import { removeDir, tempDir } from '../support/processes.js';
import type { Flavor } from '../support/sandbox.js';
import { basic, get } from './http.js';

const USER = 'overview';
const PASSWORD = `pw-${randomUUID()}`;
/** Set UPDATE_DOCS=1 to refresh docs/overview-page.png from this run (elasticsearch). */
const DOCS_SCREENSHOT = join(import.meta.dirname, '..', '..', 'docs', 'overview-page.png');
/** A date as the page writes it: day, time to the second, time zone. */
const DATE = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/;

/**
 * The backup overview page (/backups) in a real headless Chromium. On both flavours: the page's
 * sizes and states come from the flavour's snapshot APIs (`_status`, snapshot info).
 */
describe.each<Flavor>(['elasticsearch', 'opensearch'])('backup overview page (%s)', (flavor) => {
  let env: CoordinatedEnv;
  let daemon: DaemonHandle;
  let goodId: string;
  let failedId: string;

  beforeAll(async () => {
    env = await CoordinatedEnv.start(flavor);
    daemon = await env.startDaemon({
      DASHBOARD_USERNAME: USER,
      DASHBOARD_PASSWORD: PASSWORD,
      BACKUP_SCHEDULE: '30 2 * * *',
      BACKUP_RETENTION_COUNT: '14',
      BACKUP_RETENTION_MAX_AGE: '30d',
      BACKUP_FRESHNESS_MAX_AGE: '26h',
    });
    // Two good ones, a failed one, the newest good one: the trend has four points, one red.
    await coordinatedBackup('COMPLETED');
    await coordinatedBackup('COMPLETED');
    await env.datastore('POST', '/_sandbox/faults', {
      type: 'snapshot_outcome',
      outcome: 'FAILED',
      snapshot: 'camunda_operate_*',
    });
    failedId = await coordinatedBackup('FAILED');
    goodId = await coordinatedBackup('COMPLETED');
  });

  afterAll(async () => {
    await env?.close();
  });

  /** Takes a coordinated backup through the API and waits until it ended in `expected`. */
  async function coordinatedBackup(expected: string): Promise<string> {
    const created = await call(daemon.orchestratorUrl, 'POST', '/api/v1/backups', {});
    if (created.status !== 202) throw new Error(`creating a backup: ${created.status} ${created.text}`);
    const backupId = String(created.json.backupId);
    const done = await waitForCoordinated(daemon.orchestratorUrl, backupId);
    if (done.state !== expected)
      throw new Error(`backup ${backupId} ended ${done.state}, not ${expected}: ${JSON.stringify(done)}`);
    return backupId;
  }

  it('asks for the dashboard credentials', async () => {
    const refused = await get(`${daemon.orchestratorUrl}/backups`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Basic realm="dashboard"');
    expect((await get(`${daemon.orchestratorUrl}/backups`, basic(USER, 'wrong'))).status).toBe(401);
    const page = await get(`${daemon.orchestratorUrl}/backups`, basic(USER, PASSWORD));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).not.toMatch(/<script/i);
  });

  it('shows the good and the failed backup, the schedule and the trends in Chromium', async () => {
    const browser = await launchChromium();
    const folder = tempDir('overview');
    try {
      const context = await browser.newContext({
        httpCredentials: { username: USER, password: PASSWORD },
        viewport: { width: 1400, height: 900 },
      });
      const page = await context.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const answer = await page.goto(`${daemon.orchestratorUrl}/backups`);
      expect(answer?.status()).toBe(200);
      // Everything served by the daemon itself: no script, no CDN.
      expect(requested.every((url) => url.startsWith(daemon.orchestratorUrl))).toBe(true);
      expect(await page.locator('script').count()).toBe(0);

      const operate = page.locator('#components tr[data-component="operate"]');
      const lastGood = await operate.locator('.last-good').innerText();
      expect(lastGood).toContain(goodId);
      expect(lastGood).toMatch(DATE);
      expect(lastGood).toMatch(/ago|just now/);
      expect(await operate.locator('.freshness').innerText()).toContain('UP');
      const failure = await operate.locator('.newest-failure').innerText();
      expect(failure).toContain(failedId);
      expect(failure).toContain('FAILED');
      expect(failure).toMatch(DATE);
      expect(await operate.locator('.reason').innerText()).toContain('sandbox fault injection');
      expect(await page.locator('#components tr[data-component="zeebe"] .last-good').innerText()).toContain(
        goodId,
      );

      const failedRow = page.locator(`#history tr[data-backup-id="${failedId}"]`);
      expect(await failedRow.getAttribute('class')).toBe('state-failed');
      const failedBadge = failedRow.locator('.state').first();
      expect(await failedBadge.innerText()).toBe('FAILED');
      // Visibly failed: the badge is red, the good one green.
      expect(
        await failedBadge.evaluate(
          (el) =>
            (
              el.ownerDocument.defaultView as { getComputedStyle(e: unknown): { backgroundColor: string } }
            ).getComputedStyle(el).backgroundColor,
        ),
      ).toBe('rgb(251, 220, 220)');
      expect(await failedRow.innerText()).toContain('sandbox fault injection');
      const goodRow = page.locator(`#history tr[data-backup-id="${goodId}"]`);
      expect(await goodRow.getAttribute('class')).toBe('state-completed');
      const goodCells = await goodRow.locator('td').allInnerTexts();
      expect(goodCells[1]).toBe('COMPLETED');
      expect(goodCells[3]).toBe('api');
      expect(goodCells[4]).toMatch(DATE);
      expect(goodCells[5]).toMatch(DATE);
      expect(goodCells[6]).toMatch(/^\d+(\.\d+)? (ms|s)$|min/);
      expect(goodCells[7]).toMatch(/^\d+(\.\d+)? (B|KiB|MiB)$/);

      const schedule = page.locator('#schedules tr[data-schedule="coordinated"]');
      expect(await schedule.innerText()).toContain('30 2 * * * (UTC)');
      const nextRun = await schedule.locator('.next-run').innerText();
      expect(nextRun).toMatch(/\d{4}-\d{2}-\d{2} 02:30:00 UTC/);
      expect(nextRun).toMatch(/\(in \d+ (min|h)\)/);
      expect(await schedule.locator('.retention').innerText()).toContain(
        'keep the newest 14, delete after 30 d',
      );

      const charts = page.locator('#trends svg');
      expect(await charts.count()).toBe(2);
      expect(await charts.nth(0).locator('circle').count()).toBe(4);
      expect(await charts.nth(0).locator('circle.point-failed').count()).toBe(1);

      const screenshot = join(folder, 'overview-page.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      const png = summarizePng(readFileSync(screenshot));
      expect(png.width).toBeGreaterThanOrEqual(1400);
      expect(png.colours).toBeGreaterThan(50);
      expect(png.nonBackground).toBeGreaterThan(0.05);
      if (process.env.UPDATE_DOCS === '1' && flavor === 'elasticsearch')
        copyFileSync(screenshot, DOCS_SCREENSHOT);
    } finally {
      removeDir(folder);
      await browser.close();
    }
  });
});
