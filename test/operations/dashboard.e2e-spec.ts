import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedCamundaIndices } from '../../scripts/camunda-indices.mjs';
import { launchChromium } from '../support/chromium.js';
import { DaemonHandle } from '../support/daemon.js';
import { SandboxHandle } from '../support/sandbox.js';
import { removeDir, tempDir, waitFor } from '../support/processes.js';
import { basic, get } from './http.js';

const USER = 'board';
const PASSWORD = `pw-${randomUUID()}`;
/** Set UPDATE_DOCS=1 to refresh docs/dashboard.png from this run. */
const DOCS_SCREENSHOT = join(import.meta.dirname, '..', '..', 'docs', 'dashboard.png');

/** bull-board at /queues, behind basic auth, in a real headless Chromium. */
describe('queue dashboard', () => {
  let sandbox: SandboxHandle;
  let daemon: DaemonHandle;
  const repository = `cbo-board-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    sandbox = await SandboxHandle.start({ env: { SANDBOX_SNAPSHOT_MIN_MS: '50' } });
    await seedCamundaIndices(sandbox.url, { docsPerIndex: 2 });
    await fetch(`${sandbox.url}/_snapshot/${repository}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'fs', settings: { location: repository } }),
    });
    daemon = await DaemonHandle.start({
      datastoreUrl: sandbox.url,
      datastoreType: 'elasticsearch',
      env: { BACKUP_REPOSITORY_NAME: repository, DASHBOARD_USERNAME: USER, DASHBOARD_PASSWORD: PASSWORD },
    });
  });

  afterAll(async () => {
    await daemon?.close();
    await sandbox?.close();
  });

  /** Takes an Operate backup through its component API and waits until it ended in `state`. */
  async function operateBackup(backupId: number, state = 'COMPLETED'): Promise<void> {
    const created = await fetch(`${daemon.componentUrl('operate')}/actuator/backups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ backupId }),
    });
    expect(created.status).toBe(200);
    await waitFor(`backup ${backupId} to end ${state}`, async () => {
      const backup = await get(`${daemon.componentUrl('operate')}/actuator/backups/${backupId}`);
      return backup.json?.state === state;
    });
  }

  it('asks for the dashboard credentials, for the page and its static assets', async () => {
    const page = await get(`${daemon.orchestratorUrl}/queues`);
    expect(page.status).toBe(401);
    expect(page.headers.get('www-authenticate')).toMatch(/^Basic/);
    const html = await get(`${daemon.orchestratorUrl}/queues`, basic(USER, PASSWORD));
    expect(html.status).toBe(200);
    const asset = /(?:src|href)="([^"]*static[^"]+)"/.exec(html.text)?.[1];
    expect(asset).toBeDefined();
    const assetUrl = new URL(asset!, `${daemon.orchestratorUrl}/queues/`).toString();
    expect((await get(assetUrl)).status).toBe(401);
    expect((await get(assetUrl, basic(USER, PASSWORD))).status).toBe(200);
    expect((await get(`${daemon.orchestratorUrl}/queues/api/queues`, basic(USER, 'wrong'))).status).toBe(401);
  });

  it('loads in Chromium and lists a finished backup with its component, ID and part', async () => {
    await operateBackup(20261129);

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({
        httpCredentials: { username: USER, password: PASSWORD },
        viewport: { width: 1280, height: 800 },
      });
      const page = await context.newPage();
      await page.goto(`${daemon.orchestratorUrl}/queues`);
      await page.getByText('Camunda backups').first().waitFor();
      await page.getByText('operate backups').first().waitFor();

      await page.goto(`${daemon.orchestratorUrl}/queues/queue/backup-operate?status=completed`);
      await page.getByText('operate backup 20261129 · part 6/6').first().waitFor({ timeout: 15_000 });
      const folder = tempDir('dashboard');
      try {
        const screenshot = join(folder, 'dashboard.png');
        await page.screenshot({ path: screenshot });
        if (process.env.UPDATE_DOCS === '1') copyFileSync(screenshot, DOCS_SCREENSHOT);
      } finally {
        removeDir(folder);
      }
    } finally {
      await browser.close();
    }
  });

  it('shows every queue of the daemon, the newest job first', async () => {
    // The previous test completed backup 20261129; a newer one fails. bull-board asks for completed
    // jobs before failed ones: only sorted is the newer, failed job listed first.
    const fault = { type: 'snapshot_outcome', outcome: 'FAILED', snapshot: 'camunda_operate_*', count: 1 };
    const injected = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    expect(injected.status).toBe(200);
    await operateBackup(20261130, 'FAILED');
    const board = await get(
      `${daemon.orchestratorUrl}/queues/api/queues?activeQueue=backup-operate&status=latest&page=1&jobsPerPage=10`,
      basic(USER, PASSWORD),
    );
    expect(board.status).toBe(200);
    const queues = board.json.queues as Array<{
      name: string;
      jobs: Array<{ id: string; timestamp: number }>;
    }>;
    expect(queues.map((queue) => queue.name).sort()).toEqual(
      [
        'backup-operate',
        'backup-optimize',
        'backup-schedule',
        'backup-tasklist',
        'coordinated-backup',
        'notification',
        'restore',
      ].sort(),
    );
    const jobs = queues.find((queue) => queue.name === 'backup-operate')!.jobs;
    expect(jobs.map((job) => job.id)).toEqual([
      expect.stringContaining('20261130'),
      expect.stringContaining('20261129'),
    ]);
  });
});
