import type { IncomingHttpHeaders } from 'node:http';
import { parseJson } from '../common/json.js';
import { EsError, illegalArgument } from './errors.js';

/** One HTTP request as the handlers see it: decoded path segments, query parameters, raw body. */
export class SandboxRequest {
  /** Route parameters, filled in by the router (`{index}` → value). */
  params: Record<string, string> = {};
  readonly query: Map<string, string>;
  readonly path: string;
  readonly segments: string[];

  constructor(
    readonly method: string,
    readonly uri: string,
    readonly headers: IncomingHttpHeaders,
    readonly body: Buffer,
  ) {
    const queryStart = uri.indexOf('?');
    const rawPath = queryStart >= 0 ? uri.slice(0, queryStart) : uri;
    this.segments = rawPath
      .split('/')
      .filter((s) => s.length > 0)
      .map((s) => decodeSegment(s));
    this.path = `/${this.segments.join('/')}`;
    this.query = new Map(new URLSearchParams(queryStart >= 0 ? uri.slice(queryStart + 1) : ''));
  }

  param(name: string): string | undefined {
    return this.query.get(name);
  }

  /** Elasticsearch's boolean parameter parsing: "", "true" → true, "false" → false, else 400. */
  bool(name: string, fallback: boolean): boolean {
    const value = this.query.get(name);
    if (value === undefined) return fallback;
    if (value === '' || value === 'true') return true;
    if (value === 'false') return false;
    throw illegalArgument(`Failed to parse value [${value}] as only [true] or [false] are allowed.`);
  }

  int(name: string, fallback: number): number {
    const value = this.query.get(name);
    if (value === undefined) return fallback;
    if (!/^-?\d+$/.test(value)) {
      throw new EsError(400, 'number_format_exception', `For input string: "${value}"`);
    }
    return Number(value);
  }

  get hasBody(): boolean {
    return this.body.length > 0;
  }

  text(): string {
    return this.body.toString('utf8');
  }

  /** The JSON body (undefined when empty); malformed JSON is a 400 like Elasticsearch's parser gives. */
  json(): unknown {
    if (!this.hasBody) return undefined;
    const text = this.text();
    if (text.trim().length === 0) return undefined;
    return parseJsonBody(text);
  }
}

export function parseJsonBody(text: string): unknown {
  try {
    return parseJson(text);
  } catch (error) {
    throw malformedJson(text, error instanceof Error ? error.message : String(error));
  }
}

function malformedJson(text: string, message: string): EsError {
  const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return new EsError(
    400,
    'x_content_parse_exception',
    `[${line}:${column}] ${message.replace(/ at position \d+$/, '')}`,
  );
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw illegalArgument(`unable to decode path segment [${segment}]`);
  }
}
