import { waitFor } from '../support/processes.js';

export interface ApiResponse {
  status: number;
  text: string;
  json: any;
  contentType: string | null;
}

/** A plain HTTP client for one component's Backup Management API, as a script would call it. */
export class BackupApiClient {
  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    body?: string,
    contentType = 'application/json',
  ): Promise<ApiResponse> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': contentType },
      body,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json, contentType: response.headers.get('content-type') };
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
