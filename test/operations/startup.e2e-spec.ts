import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CONFIGURATION_VARIABLES } from '../../apps/orchestrator/src/core/config/configuration-variables.js';
import { entryFileOf } from '../support/processes.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

async function daemon(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [entryFileOf('orchestrator'), ...args], {
      env: { ...process.env, HOST: '127.0.0.1', REDIS_URL: 'redis://127.0.0.1:1', ...env },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('daemon start-up', () => {
  it('--help prints every variable with its default and meaning, and exits 0', async () => {
    const { code, stdout } = await daemon(['--help']);
    expect(code).toBe(0);
    for (const variable of CONFIGURATION_VARIABLES) {
      expect(stdout).toContain(`| \`${variable.name}\` | \`${variable.default}\` | ${variable.meaning} |`);
    }
  });

  it('npm start -- --help does the same', async () => {
    const { stdout } = await run('npm', ['start', '--silent', '--', '--help'], {
      cwd: root,
      timeout: 60_000,
    });
    expect(stdout).toContain('| `MANAGEMENT_AUTH_TOKEN` |');
  });

  it('refuses invalid operations variables with one JSON error each, naming the variable (exit 2)', async () => {
    const { code, stdout, stderr } = await daemon([], {
      LOG_LEVEL: 'loud',
      HEALTH_CHECK_TIMEOUT_MS: '0',
      DASHBOARD_USERNAME: 'admin',
      MANAGEMENT_PASSWORD: 'secret-pw',
      DASHBOARD_ALLOW_UNAUTHENTICATED: 'yes',
    });
    expect(code).toBe(2);
    const messages = errorMessages(`${stdout}${stderr}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('LOG_LEVEL: must be one of'),
        expect.stringContaining('HEALTH_CHECK_TIMEOUT_MS: must be a positive'),
        expect.stringContaining('DASHBOARD_PASSWORD: must be set together with DASHBOARD_USERNAME'),
        expect.stringContaining('MANAGEMENT_USERNAME: must be set together with MANAGEMENT_PASSWORD'),
        expect.stringContaining('DASHBOARD_ALLOW_UNAUTHENTICATED: must be true or false'),
      ]),
    );
    expect(`${stdout}${stderr}`).not.toContain('secret-pw');
  });

  it('refuses a public bind with an unprotected dashboard unless explicitly allowed', async () => {
    const { code, stdout, stderr } = await daemon([], { HOST: '0.0.0.0' });
    expect(code).toBe(2);
    expect(errorMessages(`${stdout}${stderr}`).join('\n')).toContain(
      'DASHBOARD_USERNAME, DASHBOARD_PASSWORD: the queue dashboard (/queues) and the backup overview (/backups) would be public without credentials on HOST=0.0.0.0',
    );
  });
});

function errorMessages(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter((line) => line.level === 'error')
    .map((line) => String(line.msg));
}
