/** What a test reads from an HTTP answer: status, headers, body text and, when it is JSON, the parsed body. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  contentType: string | null;
  text: string;
  json: any;
}

export interface HttpOptions {
  method?: string;
  /** A string is sent as it is; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Content-Type of a body; default application/json. */
  contentType?: string;
  timeoutMs?: number;
}

/** One plain HTTP call, as a script or an operator would make it. */
export async function httpRequest(url: string, options: HttpOptions = {}): Promise<HttpAnswer> {
  const { method = 'GET', body, headers = {}, contentType = 'application/json', timeoutMs } = options;
  const hasBody = body !== undefined;
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  const response = await fetch(url, {
    method,
    headers: hasBody && !hasContentType ? { ...headers, 'content-type': contentType } : headers,
    body: hasBody ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
    signal: timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    headers: response.headers,
    contentType: response.headers.get('content-type'),
    text,
    json,
  };
}
