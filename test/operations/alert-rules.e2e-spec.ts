import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse } from 'yaml';
import { DaemonHandle } from '../support/daemon.js';
import { SandboxHandle } from '../support/sandbox.js';
import { get } from './http.js';

const RULES_DIR = join(import.meta.dirname, '../../deploy/prometheus');

/**
 * promtool from PATH; when it is missing and this runs as root on Debian/Ubuntu, installed once with
 * apt (package `prometheus`, ~10 s). Fails loudly otherwise.
 */
function promtool(...args: string[]): { status: number | null; output: string } {
  let run = spawnSync('promtool', args, { cwd: RULES_DIR, encoding: 'utf8' });
  if (run.error && process.getuid?.() === 0) {
    const apt = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'prometheus'], {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (apt.status !== 0) throw new Error(`installing promtool with apt failed:\n${apt.stderr}`);
    run = spawnSync('promtool', args, { cwd: RULES_DIR, encoding: 'utf8' });
  }
  if (run.error) {
    throw new Error(
      `promtool is needed to test deploy/prometheus/alerts.yml and could not be run: ${run.error.message}. ` +
        'Install it (Debian/Ubuntu: apt-get install prometheus) and run the tests again.',
    );
  }
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('Prometheus alerting rules (deploy/prometheus/alerts.yml)', () => {
  it('are valid and pass their promtool unit tests', () => {
    const check = promtool('check', 'rules', 'alerts.yml');
    expect(check.status, check.output).toBe(0);
    const test = promtool('test', 'rules', 'alerts.test.yml');
    expect(test.status, test.output).toBe(0);
    expect(test.output).toMatch(/SUCCESS/);
  });

  it("use only metrics the daemon exports, with the daemon's labels", async () => {
    const sandbox = await SandboxHandle.start();
    const repository = `cbo-alerts-${randomUUID().slice(0, 8)}`;
    let daemon: DaemonHandle | undefined;
    try {
      daemon = await DaemonHandle.start({
        datastoreUrl: sandbox.url,
        datastoreType: 'elasticsearch',
        env: { BACKUP_REPOSITORY_NAME: repository },
      });
      const scrape = await get(`${daemon.orchestratorUrl}/actuator/prometheus`);
      const exported = new Set([...scrape.text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]));
      const rules = parse(readFileSync(join(RULES_DIR, 'alerts.yml'), 'utf8')).groups.flatMap(
        (group: any) => group.rules,
      );
      const used = new Set<string>(
        rules.flatMap((rule: any) => [...String(rule.expr).matchAll(/\bcamunda_[a-z_]+/g)].map((m) => m[0])),
      );
      expect(used.size).toBeGreaterThanOrEqual(3);
      for (const metric of used) expect(exported, metric).toContain(metric);
      // `by (component)` needs the label on every series of the per-component metrics.
      for (const line of scrape.text.split('\n')) {
        if (line.startsWith('camunda_backup_consecutive_failures'))
          expect(line).toMatch(/\{component="[a-z]+"\}/);
      }
      expect(scrape.text).toMatch(/^camunda_backup_zeebe_exporting_paused 0$/m);
    } finally {
      await daemon?.close();
      await sandbox.close();
    }
  });
});
