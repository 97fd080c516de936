import { parseJson } from '@app/datastore';
import type { ZeebeBackupInfo } from './zeebe-backup-info.js';
import { ZeebeError } from './zeebe-error.js';

/**
 * Zeebe's gateway management API (ZEEBE_MANAGEMENT_URL): exporting pause/resume and broker backups.
 * Every call is bounded by ZEEBE_REQUEST_TIMEOUT_MS; failures are ZeebeErrors naming the call.
 */
export class ZeebeManagementClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  /** Soft pause: records keep being exported, log compaction stops (facts §8.1 step 7). */
  async pauseExporting(): Promise<void> {
    await this.expect('POST', '/actuator/exporting/pause?soft=true', [200, 204]);
  }

  async resumeExporting(): Promise<void> {
    await this.expect('POST', '/actuator/exporting/resume', [200, 204]);
  }

  /** 202 → 'accepted'; 409 (this or a higher ID exists) → 'conflict'. */
  async takeBackup(backupId: bigint): Promise<'accepted' | 'conflict'> {
    const { status } = await this.expect(
      'POST',
      '/actuator/backups',
      [200, 202, 409],
      `{"backupId":${backupId}}`,
    );
    return status === 409 ? 'conflict' : 'accepted';
  }

  /** undefined when Zeebe has no backup with this ID. */
  async getBackup(backupId: bigint): Promise<ZeebeBackupInfo | undefined> {
    const { status, text } = await this.expect('GET', `/actuator/backups/${backupId}`, [200, 404]);
    return status === 404 ? undefined : toBackupInfo(parseJson(text));
  }

  async listBackups(): Promise<ZeebeBackupInfo[]> {
    const { text } = await this.expect('GET', '/actuator/backups', [200]);
    const body = parseJson(text);
    return Array.isArray(body) ? body.map(toBackupInfo) : [];
  }

  async deleteBackup(backupId: bigint): Promise<void> {
    await this.expect('DELETE', `/actuator/backups/${backupId}`, [200, 204, 404]);
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
