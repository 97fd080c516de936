/** An answer of the orchestrator API; `json` is undefined when the body is empty or not JSON. */
export interface ApiAnswer<T = unknown> {
  status: number;
  json: T;
  /** Large backup IDs stay exact: the raw text is kept for --json output. */
  text: string;
}

export class UnreachableError extends Error {}

/** The orchestrator API (`/api/v1`) at CAMUNDA_BACKUP_URL, with CAMUNDA_BACKUP_TOKEN as bearer token. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl.replace(/\/+$/, '')}/api/v1${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
      throw new UnreachableError(`Cannot reach the orchestrator at ${this.baseUrl}: ${cause}`);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(keepIdsExact(text)) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json: json as T, text };
  }
}

/** Turns `"backupId":<digits>` (and lists of deleted IDs) into strings so IDs beyond 2^53 are shown exactly. */
function keepIdsExact(text: string): string {
  return text.replace(/"backupId":(\d+)/g, '"backupId":"$1"').replace(
    /"deleted":\[([\d,]*)\]/g,
    (_, ids: string) =>
      `"deleted":[${
        ids
          ? ids
              .split(',')
              .map((id) => `"${id}"`)
              .join(',')
          : ''
      }]`,
  );
}
