import { parseJson } from '@app/datastore';
import type { ZeebeBackupInfo } from './zeebe-backup-info.js';
import { ZeebeError } from './zeebe-error.js';

/**
 * Zeebe's management API (ZEEBE_MANAGEMENT_URL): exporting pause/resume and broker backups, in the
 * generation's dialect — `/actuator/backups` up to 8.7, `/actuator/backupRuntime` from 8.8 (the
 * orchestration cluster). Every call is bounded by ZEEBE_REQUEST_TIMEOUT_MS; failures are
 * ZeebeErrors naming the call.
 */
export class ZeebeManagementClient {
  private readonly backupsPath: string;

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
    generation: 'per-app' | 'orchestration-cluster' = 'per-app',
  ) {
    this.backupsPath =
      generation === 'orchestration-cluster' ? '/actuator/backupRuntime' : '/actuator/backups';
  }

  /** Soft pause: records keep being exported, log compaction stops (facts §8.1 step 7). */
  async pauseExporting(): Promise<void> {
    await this.exporting('/actuator/exporting/pause?soft=true');
  }

  async resumeExporting(): Promise<void> {
    await this.exporting('/actuator/exporting/resume');
  }

  /**
   * 202 → 'accepted'; 409 (this or a higher ID exists) → 'conflict'. A cluster whose backup
   * scheduler (continuous backups) is on refuses explicit IDs: that is a configuration to change,
   * reported with the fix, never retried.
   */
  async takeBackup(backupId: bigint): Promise<'accepted' | 'conflict'> {
    const { status, text } = await this.expect(
      'POST',
      this.backupsPath,
      [200, 202, 400, 409],
      `{"backupId":${backupId}}`,
    );
    if (status === 400) {
      const scheduler = /continuous backups|scheduler/i.test(text);
      throw new ZeebeError(
        scheduler
          ? `Zeebe refuses backup ${backupId}: its backup scheduler (continuous backups) is on and takes no explicit backup IDs. Turn the scheduler off for coordinated backups, or back up Zeebe on its own schedule. Zeebe said: ${text.slice(0, 300)}`
          : `Zeebe refused backup ${backupId}: ${text.slice(0, 300)}`,
        status,
      );
    }
    return status === 409 ? 'conflict' : 'accepted';
  }

  /** undefined when Zeebe has no backup with this ID. */
  async getBackup(backupId: bigint): Promise<ZeebeBackupInfo | undefined> {
    const { status, text } = await this.expect('GET', `${this.backupsPath}/${backupId}`, [200, 404]);
    return status === 404 ? undefined : toBackupInfo(parseJson(text));
  }

  async listBackups(): Promise<ZeebeBackupInfo[]> {
    const { text } = await this.expect('GET', this.backupsPath, [200]);
    const body = parseJson(text);
    return Array.isArray(body) ? body.map(toBackupInfo) : [];
  }

  async deleteBackup(backupId: bigint): Promise<void> {
    await this.expect('DELETE', `${this.backupsPath}/${backupId}`, [200, 204, 404]);
  }

  /**
   * Exporting pause/resume: up to 8.7 the HTTP status tells (204); from 8.8 the actuator answers 200
   * and the outcome is the body's `status` (204 success, 500 failure).
   */
  private async exporting(path: string): Promise<void> {
    const { status, text } = await this.expect('POST', path, [200, 204]);
    if (status !== 200 || text.trim() === '') return;
    const body = parseJson(text) as { status?: unknown; body?: unknown };
    if (typeof body.status === 'number' && body.status !== 204 && body.status !== 200) {
      throw new ZeebeError(
        `Zeebe POST ${path} answered 200 with status ${body.status}: ${text.slice(0, 500)}`,
        body.status,
      );
    }
  }

  private async expect(
    method: string,
    path: string,
    accepted: number[],
    body?: string,
  ): Promise<{ status: number; text: string }> {
    const what = `Zeebe ${method} ${path}`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ZEEBE_REQUEST_TIMEOUT_MS=${this.timeoutMs} ms`
          : (error as Error).message;
      throw new ZeebeError(`${what} failed: ${cause}`);
    }
    const text = await response.text();
    if (!accepted.includes(response.status)) {
      throw new ZeebeError(`${what} answered ${response.status}: ${text.slice(0, 500)}`, response.status);
    }
    return { status: response.status, text };
  }
}

function toBackupInfo(raw: unknown): ZeebeBackupInfo {
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const details = Array.isArray(record.details) ? record.details : [];
  return {
    backupId: BigInt(String(record.backupId ?? 0)),
    state: String(record.state ?? 'DOES_NOT_EXIST'),
    failureReason: typeof record.failureReason === 'string' ? record.failureReason : undefined,
    details: details.map((entry) => {
      const detail = entry as Record<string, unknown>;
      return {
        partitionId: Number(detail.partitionId),
        state: String(detail.state),
        failureReason: typeof detail.failureReason === 'string' ? detail.failureReason : undefined,
      };
    }),
  };
}
