export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  time: string;
}

/** The most recent requests (a ring buffer), for tests that assert call order. */
export class RequestLog {
  private entries: LoggedRequest[] = [];

  constructor(private readonly capacity = 10_000) {}

  record(method: string, path: string, query: Map<string, string>): void {
    this.entries.push({ method, path, query: Object.fromEntries(query), time: new Date().toISOString() });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
