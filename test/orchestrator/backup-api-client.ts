import { type HttpAnswer, httpRequest } from '../support/http.js';
import { waitFor } from '../support/processes.js';

export type ApiResponse = HttpAnswer;

/** A plain HTTP client for one component's Backup Management API, as a script would call it. */
export class BackupApiClient {
  constructor(readonly baseUrl: string) {}

  request(
    method: string,
    path: string,
    body?: string,
    contentType = 'application/json',
  ): Promise<ApiResponse> {
    return httpRequest(`${this.baseUrl}${path}`, { method, body, contentType });
  }

  create(backupId: string | number): Promise<ApiResponse> {
    // Raw text, so IDs beyond 2^53 go on the wire with their exact digits.
    return this.request('POST', '/actuator/backups', `{"backupId": ${backupId}}`);
  }

  get(backupId: string): Promise<ApiResponse> {
    return this.request('GET', `/actuator/backups/${backupId}`);
  }

  list(): Promise<ApiResponse> {
    return this.request('GET', '/actuator/backups');
  }

  delete(backupId: string): Promise<ApiResponse> {
    return this.request('DELETE', `/actuator/backups/${backupId}`);
  }

  /** Polls GET until the state is no longer IN_PROGRESS; returns the last body. */
  async waitUntilFinished(backupId: string, timeoutMs = 30_000): Promise<any> {
    let last: ApiResponse | undefined;
    await waitFor(
      `backup ${backupId} to finish on ${this.baseUrl}`,
      async () => {
        last = await this.get(backupId);
        return last.status === 200 && last.json.state !== 'IN_PROGRESS';
      },
      { timeoutMs, intervalMs: 100 },
    );
    return last!.json;
  }
}
