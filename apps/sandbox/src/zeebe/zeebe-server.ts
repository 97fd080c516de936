import { createServer, type Server } from 'node:http';
import { isPlainObject, LosslessNumber, parseJson, toJson } from '../common/json.js';
import type { RequestLog } from '../faults/request-log.js';
import { ZeebeCluster } from './zeebe-cluster.js';
import type { ZeebeStandInConfig } from './zeebe-config.js';
import { ZeebeFaultError, ZeebeFaults } from './zeebe-faults.js';

interface Answer {
  status: number;
  body?: unknown;
}

const MAX_ID = 9223372036854775807n;

/**
 * A stand-in for Zeebe's gateway management API (facts §8.3) on its own port: exporting
 * pause/resume and broker backups, plus `/_zeebe/*` for tests (state, faults, reset). Requests to
 * `/actuator/*` are recorded in the sandbox's request log, so one log shows the order of calls
 * to the datastore and to Zeebe.
 */
export function createZeebeStandIn(config: ZeebeStandInConfig, requestLog: RequestLog): Server {
  const faults = new ZeebeFaults();
  const cluster = new ZeebeCluster(config, faults);
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://zeebe');
      const method = req.method ?? 'GET';
      const answer = route(method, url, Buffer.concat(chunks).toString('utf8'), cluster, faults, requestLog);
      const payload = answer.body === undefined ? '' : toJson(answer.body);
      res.writeHead(answer.status, {
        ...(payload ? { 'Content-Type': 'application/json' } : {}),
        'Content-Length': String(Buffer.byteLength(payload)),
      });
      res.end(payload);
    });
  });
}

function route(
  method: string,
  url: URL,
  text: string,
  cluster: ZeebeCluster,
  faults: ZeebeFaults,
  requestLog: RequestLog,
): Answer {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path.startsWith('/_zeebe')) return standInRoute(method, path, text, cluster, faults);
  requestLog.record(method, path, new Map(url.searchParams));
  const injected = faults.takeHttpError(method, path);
  if (injected !== undefined)
    return { status: injected, body: { message: `injected HTTP ${injected} fault` } };

  if (method === 'POST' && path === '/actuator/exporting/pause') {
    cluster.exporting = url.searchParams.get('soft') === 'true' ? 'SOFT_PAUSED' : 'PAUSED';
    return { status: 204 };
  }
  if (method === 'POST' && path === '/actuator/exporting/resume') {
    cluster.exporting = 'RUNNING';
    return { status: 204 };
  }
  if (path === '/actuator/backups') {
    if (method === 'GET') return { status: 200, body: cluster.list() };
    if (method === 'POST') return takeBackup(text, cluster);
  }
  const match = /^\/actuator\/backups\/([^/]+)$/.exec(path);
  if (match) {
    const id = parseId(match[1]);
    if (id === undefined) return invalidId();
    if (method === 'GET') {
      const backup = cluster.describe(id);
      return backup
        ? { status: 200, body: backup }
        : { status: 404, body: { message: `No backup with id ${id} found` } };
    }
    if (method === 'DELETE') {
      cluster.delete(id);
      return { status: 204 };
    }
  }
  return { status: 404, body: { message: `No endpoint ${method} ${path}` } };
}

function takeBackup(text: string, cluster: ZeebeCluster): Answer {
  let body: unknown;
  try {
    body = text.trim() ? parseJson(text) : undefined;
  } catch {
    return { status: 400, body: { message: 'The request body is not valid JSON' } };
  }
  const raw = isPlainObject(body) ? body.backupId : undefined;
  const id = parseId(raw instanceof LosslessNumber ? raw.toString() : String(raw ?? ''));
  if (id === undefined) return invalidId();
  if (cluster.takeBackup(id) === 'taken') {
    return {
      status: 409,
      body: { message: `A backup with id ${id} or a higher id already exists; backup ids must increase` },
    };
  }
  return {
    status: 202,
    body: {
      message: `A backup with id ${id} has been scheduled. Use GET actuator/backups/${id} to monitor the status.`,
    },
  };
}

function standInRoute(
  method: string,
  path: string,
  text: string,
  cluster: ZeebeCluster,
  faults: ZeebeFaults,
): Answer {
  if (method === 'GET' && path === '/_zeebe/state') {
    return { status: 200, body: { exporting: cluster.exporting, backups: cluster.list() } };
  }
  if (path === '/_zeebe/faults') {
    if (method === 'GET') return { status: 200, body: faults.list() };
    if (method === 'DELETE') {
      faults.clear();
      return { status: 200, body: { acknowledged: true } };
    }
    if (method === 'POST') {
      try {
        return { status: 200, body: faults.add(text.trim() ? parseJson(text) : undefined) };
      } catch (error) {
        const message = error instanceof ZeebeFaultError ? error.message : 'the body is not valid JSON';
        return { status: 400, body: { message: `invalid fault: ${message}` } };
      }
    }
  }
  if (method === 'POST' && path === '/_zeebe/reset') {
    cluster.reset();
    faults.clear();
    return { status: 200, body: { acknowledged: true } };
  }
  return { status: 404, body: { message: `No endpoint ${method} ${path}` } };
}

function parseId(text: string): bigint | undefined {
  if (!/^\d{1,19}$/.test(text)) return undefined;
  const id = BigInt(text);
  return id >= 1n && id <= MAX_ID ? id : undefined;
}

function invalidId(): Answer {
  return { status: 400, body: { message: 'A backupId must be provided and it must be > 0' } };
}
