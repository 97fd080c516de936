import { type HttpAnswer, httpRequest } from '../support/http.js';

/** A GET with optional headers, answering status, headers and parsed JSON (when JSON). */
export function get(url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return httpRequest(url, { headers, timeoutMs: 10_000 });
}

export function basic(username: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}
