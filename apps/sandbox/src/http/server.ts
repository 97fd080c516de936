import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Flavor } from '../config.js';
import { toJson } from '../common/json.js';
import { type FaultStore, injectedError } from '../faults/fault-store.js';
import type { RequestLog } from '../faults/request-log.js';
import { EsError, RawErrorResponse } from './errors.js';
import { applyFilterPath } from './filter-path.js';
import { checkMediaTypes } from './media-types.js';
import { rejectUnknownParams } from './params.js';
import type { Reply } from './reply.js';
import { SandboxRequest } from './request.js';
import type { Router } from './router.js';

export interface ServerParts {
  flavor: Flavor;
  api: Router;
  /** `/_sandbox/*`: never logged, never faulted. */
  sandboxApi: Router;
  faults: FaultStore;
  requestLog: RequestLog;
}

interface Outgoing {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/** The HTTP server: request log, fault injection, header checks, routing, and ES-shaped answers. */
export function createSandboxServer(parts: ServerParts): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = new SandboxRequest(
        req.method ?? 'GET',
        req.url ?? '/',
        req.headers,
        Buffer.concat(chunks),
      );
      void handle(parts, request, req, res);
    });
  });
}

async function handle(
  parts: ServerParts,
  request: SandboxRequest,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const isSandboxApi = request.segments[0] === '_sandbox';
  let compat = false;
  let outgoing: Outgoing;
  try {
    if (!isSandboxApi) {
      parts.requestLog.record(request.method, request.path, request.query);
      const faults = parts.faults.takeRequestFaults(request.method, request.path);
      if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
      if (faults.terminal?.type === 'drop_connection') {
        req.socket.destroy();
        return;
      }
      if (faults.terminal?.type === 'http_error') throw injectedError(faults.terminal);
    }
    compat = checkMediaTypes(request, parts.flavor);
    const { route, params } = (isSandboxApi ? parts.sandboxApi : parts.api).resolve(request);
    request.params = params;
    rejectUnknownParams(request, route.params);
    outgoing = await route.handler(request);
  } catch (error) {
    outgoing = toErrorReply(error);
  }
  send(parts.flavor, request, res, outgoing, compat);
}

function toErrorReply(error: unknown): Outgoing {
  if (error instanceof RawErrorResponse)
    return { status: error.status, body: error.body, headers: error.headers };
  if (error instanceof EsError) return { status: error.status, body: error.toBody() };
  console.error('[sandbox] unexpected error', error);
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: new EsError(500, 'exception', message).toBody() };
}

function send(
  flavor: Flavor,
  request: SandboxRequest,
  res: ServerResponse,
  reply: Reply & Outgoing,
  compat: boolean,
): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (flavor === 'elasticsearch') headers['X-Elastic-Product'] = 'Elasticsearch';
  let payload = '';
  if (reply.text !== undefined) {
    headers['Content-Type'] = 'text/plain; charset=UTF-8';
    payload = reply.text;
  } else if (reply.body !== undefined) {
    headers['Content-Type'] = compat
      ? 'application/vnd.elasticsearch+json;compatible-with=8'
      : 'application/json; charset=UTF-8';
    const filterPath = request.param('filter_path');
    const body = filterPath && reply.status < 300 ? applyFilterPath(reply.body, filterPath) : reply.body;
    payload = toJson(body, request.param('pretty') !== undefined && request.param('pretty') !== 'false');
    if (request.param('pretty') !== undefined && request.param('pretty') !== 'false') payload += '\n';
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(request.method === 'HEAD' ? undefined : payload);
}

export type { Reply };
