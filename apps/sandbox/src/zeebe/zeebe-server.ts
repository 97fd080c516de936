import { createServer, type Server } from 'node:http';
import { isPlainObject, LosslessNumber, parseJson, toJson } from '../common/json.js';
import type { RequestLog } from '../faults/request-log.js';
import {
  parseBackupRuntimePath,
  parseJavaLong,
  type BackupRuntimeTarget,
  INVALID_ARGUMENTS,
} from './backup-runtime-path.js';
import { type CheckpointType, ZeebeCluster } from './zeebe-cluster.js';
import { isAtLeast89, isRuntimeVersion, type ZeebeStandInConfig, type ZeebeVersion } from './zeebe-config.js';
import { type ZeebeOperation, ZeebeEventLog } from './zeebe-events.js';
import { type ExportingOperation, ZeebeFaultError, ZeebeFaults } from './zeebe-faults.js';

interface Answer {
  status: number;
  body?: unknown;
  /** For the event log: what the request asked for and which backup it concerned. */
  operation?: ZeebeOperation;
  backupId?: bigint;
}

interface StandIn {
  config: ZeebeStandInConfig;
  cluster: ZeebeCluster;
  faults: ZeebeFaults;
  events: ZeebeEventLog;
}

const MAX_ID = 9223372036854775807n;
const MISSING_ID = 'A backupId must be provided and it must be > 0';

/**
 * A stand-in for Zeebe's management API on its own port: exporting pause/resume and broker
 * backups, as the ≤ 8.7 gateway (`/actuator/backups`, default) or the 8.8/8.9/8.10 orchestration
 * cluster (`/actuator/backupRuntime`, `SANDBOX_ZEEBE_VERSION`), plus `/_zeebe/*` for tests (state,
 * events, pause windows, faults, reset). Requests to `/actuator/*` are recorded in the sandbox's
 * request log, so one log shows the order of calls to the datastore and to Zeebe.
 */
export function createZeebeStandIn(config: ZeebeStandInConfig, requestLog: RequestLog): Server {
  const faults = new ZeebeFaults();
  const standIn: StandIn = {
    config,
    faults,
    cluster: new ZeebeCluster(config, faults),
    events: new ZeebeEventLog(),
  };
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://zeebe');
      const method = req.method ?? 'GET';
      const answer = route(method, url, Buffer.concat(chunks).toString('utf8'), standIn, requestLog);
      const payload = answer.body === undefined ? '' : toJson(answer.body);
      res.writeHead(answer.status, {
        ...(payload ? { 'Content-Type': 'application/json' } : {}),
        'Content-Length': String(Buffer.byteLength(payload)),
      });
      res.end(payload);
    });
  });
}

function route(method: string, url: URL, text: string, standIn: StandIn, requestLog: RequestLog): Answer {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path.startsWith('/_zeebe')) return standInRoute(method, path, text, standIn);
  const query = new Map(url.searchParams);
  requestLog.record(method, path, query);
  const exportingBefore = standIn.cluster.exporting;
  const injected = standIn.faults.takeHttpError(method, path);
  const answer: Answer =
    injected !== undefined
      ? { status: injected, body: { message: `injected HTTP ${injected} fault` } }
      : isRuntimeVersion(standIn.config.version)
        ? runtimeRoute(method, path, url, text, standIn)
        : legacyRoute(method, path, url, text, standIn);
  if (path.startsWith('/actuator/')) {
    const bodyStatus =
      isRuntimeVersion(standIn.config.version) &&
      path.startsWith('/actuator/exporting/') &&
      isPlainObject(answer.body) &&
      typeof answer.body.status === 'number'
        ? answer.body.status
        : undefined;
    standIn.events.record({
      method,
      path,
      query: Object.fromEntries(query),
      operation: answer.operation ?? classify(method, path, url),
      ...(answer.backupId !== undefined ? { backupId: answer.backupId } : {}),
      status: answer.status,
      ...(bodyStatus !== undefined ? { bodyStatus } : {}),
      exportingBefore,
      exportingAfter: standIn.cluster.exporting,
    });
  }
  return answer;
}

/** The operation a request names, for events of requests no handler classified (faulted ones). */
function classify(method: string, path: string, url: URL): ZeebeOperation {
  if (method === 'POST' && path === '/actuator/exporting/pause') {
    return url.searchParams.get('soft') === 'true' ? 'soft-pause' : 'pause';
  }
  if (method === 'POST' && path === '/actuator/exporting/resume') return 'resume';
  const backupPath = /^\/actuator\/(?:backups|backupRuntime)(\/.*)?$/.exec(path);
  if (!backupPath) return 'other';
  const rest = backupPath[1] ?? '';
  if (rest.startsWith('/state')) {
    return method === 'GET' ? 'get-state' : method === 'DELETE' ? 'delete-state' : 'sync-state';
  }
  if (method === 'POST') return 'take-backup';
  if (method === 'DELETE') return 'delete-backup';
  return rest === '' || rest.endsWith('*') ? 'list-backups' : 'get-backup';
}

// ---------------------------------------------------------------- exporting (all versions)

function exporting(operation: ExportingOperation, soft: boolean, standIn: StandIn): Answer {
  const { cluster, faults, config } = standIn;
  const name: ZeebeOperation = operation === 'resume' ? 'resume' : soft ? 'soft-pause' : 'pause';
  const failed = faults.takeExportingFailure(operation);
  if (!failed) {
    cluster.exporting = operation === 'resume' ? cluster.exportingWord() : soft ? 'SOFT_PAUSED' : 'PAUSED';
  }
  const reason = `[sandbox fault injection] ${name} of exporting failed on partition ${config.partitions}`;
  if (!isRuntimeVersion(config.version)) {
    return failed
      ? { status: 500, body: { message: reason }, operation: name }
      : { status: 204, operation: name };
  }
  // 8.8+ serializes a response object: always HTTP 200, the real outcome is `status` (facts 8.8+ §4.4).
  return {
    status: 200,
    body: failed
      ? { body: reason, status: 500, contentType: null }
      : { body: null, status: 204, contentType: null },
    operation: name,
  };
}

// ---------------------------------------------------------------- ≤ 8.7 gateway

function legacyRoute(method: string, path: string, url: URL, text: string, standIn: StandIn): Answer {
  const { cluster } = standIn;
  if (method === 'POST' && path === '/actuator/exporting/pause') {
    return exporting('pause', url.searchParams.get('soft') === 'true', standIn);
  }
  if (method === 'POST' && path === '/actuator/exporting/resume') return exporting('resume', false, standIn);
  if (path === '/actuator/backups') {
    if (method === 'GET') return { status: 200, body: cluster.list(), operation: 'list-backups' };
    if (method === 'POST') return legacyTakeBackup(text, cluster);
  }
  const match = /^\/actuator\/backups\/([^/]+)$/.exec(path);
  if (match) {
    const id = parseLegacyId(match[1]);
    if (id === undefined) return { status: 400, body: { message: MISSING_ID } };
    if (method === 'GET') {
      const backup = cluster.describe(id);
      return backup
        ? { status: 200, body: backup, operation: 'get-backup', backupId: id }
        : {
            status: 404,
            body: { message: `No backup with id ${id} found` },
            operation: 'get-backup',
            backupId: id,
          };
    }
    if (method === 'DELETE') {
      cluster.delete(id);
      return { status: 204, operation: 'delete-backup', backupId: id };
    }
  }
  return { status: 404, body: { message: `No endpoint ${method} ${path}` } };
}

function legacyTakeBackup(text: string, cluster: ZeebeCluster): Answer {
  const body = readBody(text);
  if (body === 'invalid') return { status: 400, body: { message: 'The request body is not valid JSON' } };
  const raw = isPlainObject(body) ? body.backupId : undefined;
  const id = parseLegacyId(raw instanceof LosslessNumber ? raw.toString() : String(raw ?? ''));
  if (id === undefined) return { status: 400, body: { message: MISSING_ID }, operation: 'take-backup' };
  if (cluster.takeBackup(id) === 'taken') {
    return {
      status: 409,
      body: { message: `A backup with id ${id} or a higher id already exists; backup ids must increase` },
      operation: 'take-backup',
      backupId: id,
    };
  }
  return {
    status: 202,
    body: {
      message: `A backup with id ${id} has been scheduled. Use GET actuator/backups/${id} to monitor the status.`,
    },
    operation: 'take-backup',
    backupId: id,
  };
}

function parseLegacyId(text: string): bigint | undefined {
  if (!/^\d{1,19}$/.test(text)) return undefined;
  const id = BigInt(text);
  return id >= 1n && id <= MAX_ID ? id : undefined;
}

// ---------------------------------------------------------------- 8.8+ orchestration cluster

function runtimeRoute(method: string, path: string, url: URL, text: string, standIn: StandIn): Answer {
  const exportingMatch = /^\/actuator\/exporting\/([^/]+)$/.exec(path);
  if (exportingMatch && method === 'POST') {
    const operation = exportingMatch[1];
    if (operation === 'pause') return exporting('pause', url.searchParams.get('soft') === 'true', standIn);
    if (operation === 'resume') return exporting('resume', false, standIn);
    // The endpoint answers an unknown operation inside its HTTP-200 envelope (facts 8.8+ §4.4).
    return { status: 200, body: { body: `Unknown operation: ${operation}`, status: 500, contentType: null } };
  }
  if (path === '/actuator/backupRuntime' || path.startsWith('/actuator/backupRuntime/')) {
    let segments: string[];
    try {
      segments = path
        .slice('/actuator/backupRuntime'.length)
        .split('/')
        .filter((segment) => segment.length > 0)
        .map((segment) => decodeURIComponent(segment));
    } catch {
      return springStatus(400, 'Bad Request', path);
    }
    return backupRuntime(
      method,
      parseBackupRuntimePath(segments, isAtLeast89(standIn.config.version)),
      text,
      standIn,
    );
  }
  // `/actuator/backups` is served only by standalone deployments; a combined one answers 404.
  return springNotFound(path);
}

function backupRuntime(method: string, target: BackupRuntimeTarget, text: string, standIn: StandIn): Answer {
  const { cluster } = standIn;
  if (method === 'POST') {
    if (target.kind === 'collection') return runtimeTakeBackup(text, standIn);
    if (target.kind === 'state-sync')
      return { status: 200, body: cluster.runtimeState(), operation: 'sync-state' };
    return { status: 400, body: { message: INVALID_ARGUMENTS } };
  }
  if (target.kind === 'invalid') return { status: 400, body: { message: target.message } };
  if (method === 'GET') {
    switch (target.kind) {
      case 'collection':
        return { status: 200, body: cluster.list(), operation: 'list-backups' };
      case 'prefix':
        return { status: 200, body: cluster.list(target.prefix), operation: 'list-backups' };
      case 'state':
        return { status: 200, body: cluster.runtimeState(), operation: 'get-state' };
      case 'state-sync':
        return { status: 400, body: { message: INVALID_ARGUMENTS } };
      case 'id': {
        const backup = cluster.describe(target.id);
        return backup
          ? { status: 200, body: backup, operation: 'get-backup', backupId: target.id }
          : {
              status: 404,
              body: { message: `Backup with id ${target.id} does not exist` },
              operation: 'get-backup',
              backupId: target.id,
            };
      }
    }
  }
  if (method === 'DELETE') {
    if (target.kind === 'id') {
      cluster.delete(target.id);
      return { status: 204, operation: 'delete-backup', backupId: target.id };
    }
    if (target.kind === 'state') {
      cluster.clearRuntimeState();
      return { status: 204, operation: 'delete-state' };
    }
    return { status: 400, body: { message: INVALID_ARGUMENTS } };
  }
  return springStatus(405, 'Method Not Allowed', '/actuator/backupRuntime');
}

function runtimeTakeBackup(text: string, standIn: StandIn): Answer {
  const { cluster, config } = standIn;
  const body = readBody(text);
  if (body === 'invalid') return springStatus(400, 'Bad Request', '/actuator/backupRuntime');
  const raw = isPlainObject(body) ? body.backupId : undefined;
  const given =
    raw === undefined || raw === null
      ? undefined
      : raw instanceof LosslessNumber
        ? raw.toString()
        : String(raw);
  let id: bigint;
  let checkpointType: CheckpointType = 'MANUAL_BACKUP';
  if (config.continuousBackups) {
    if (given !== undefined) {
      return { status: 400, body: { message: continuousRefusal(config.version) }, operation: 'take-backup' };
    }
    id = cluster.generateId();
    checkpointType = 'SCHEDULED_BACKUP';
  } else {
    const parsed = given === undefined ? undefined : parseJavaLong(given);
    if (parsed === undefined || parsed <= 0n) {
      return { status: 400, body: { message: MISSING_ID }, operation: 'take-backup' };
    }
    id = parsed;
  }
  if (cluster.takeBackup(id, checkpointType) === 'taken') {
    return {
      status: 409,
      body: { message: alreadyExists(config.version, id, cluster.latestId) },
      operation: 'take-backup',
      backupId: id,
    };
  }
  return { status: 202, body: scheduled(config.version, id), operation: 'take-backup', backupId: id };
}

/** 400 for an explicit ID under continuous backups (facts 8.8+ §4.1; 8.10 names the tenants). */
export function continuousRefusal(version: ZeebeVersion): string {
  const use = 'Use POST actuator/backupRuntime without specifying a backupId.';
  return version === '8.10'
    ? `Cannot take backup with predetermined backupId when continuous backups and/or backup or checkpoint scheduler is enabled. ${use} Affected physical tenant(s): [default].`
    : `Cannot take backup with predetermined backupId when continuous backups are enabled. ${use}`;
}

/** 409 `BackupAlreadyExistException`: 8.8's gateway wording, 8.9+'s backup-client wording. */
export function alreadyExists(version: ZeebeVersion, requested: bigint, latest: bigint): string {
  return version === '8.8'
    ? `Requested backup has id ${requested}. The latest backup has id ${latest}. A backupId is an integer and must be greater than the ID of previous backups that are completed, failed, or deleted. Zeebe does not take two backups with the same ids.`
    : `Requested backup has ID ${requested}. The latest backup has ID ${latest}. The backup ID must be greater than the ID of previous backups that are completed, failed, or deleted.`;
}

/** 202 bodies: 8.8 `{message}`, 8.9 adds `backupId`, 8.10 also `backupIds` per physical tenant. */
export function scheduled(version: ZeebeVersion, id: bigint): Record<string, unknown> {
  const message = `A backup with id ${id} has been scheduled. Use GET actuator/backups/${id} to monitor the status.`;
  if (version === '8.8') return { message };
  if (version === '8.9') return { backupId: id, message };
  return { backupId: id, backupIds: { default: id }, message };
}

function springNotFound(path: string): Answer {
  return springStatus(404, 'Not Found', path);
}

/** Spring Boot's error body for requests no endpoint takes. */
function springStatus(status: number, error: string, path: string): Answer {
  return { status, body: { timestamp: new Date().toISOString(), status, error, path } };
}

function readBody(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return parseJson(text);
  } catch {
    return 'invalid';
  }
}

// ---------------------------------------------------------------- /_zeebe test API

function standInRoute(method: string, path: string, text: string, standIn: StandIn): Answer {
  const { cluster, faults, events, config } = standIn;
  if (method === 'GET' && path === '/_zeebe/state') {
    return {
      status: 200,
      body: {
        version: config.version,
        continuousBackups: config.continuousBackups,
        exporting: cluster.exporting,
        backups: cluster.list(),
      },
    };
  }
  if (path === '/_zeebe/events') {
    if (method === 'GET') return { status: 200, body: events.list() };
    if (method === 'DELETE') {
      events.clear();
      return { status: 200, body: { acknowledged: true } };
    }
  }
  if (method === 'GET' && path === '/_zeebe/pause-windows')
    return { status: 200, body: events.pauseWindows() };
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
    events.clear();
    return { status: 200, body: { acknowledged: true } };
  }
  return { status: 404, body: { message: `No endpoint ${method} ${path}` } };
}
