import { globMatch } from '../common/glob.js';
import { isPlainObject } from '../common/json.js';
import { EsError } from '../http/errors.js';

export type SnapshotOutcome = 'FAILED' | 'PARTIAL' | 'HANG';

interface FaultBase {
  id: string;
  /** How many more times this fault applies; it is removed when it reaches 0. */
  count: number;
}
export interface SnapshotOutcomeFault extends FaultBase {
  type: 'snapshot_outcome';
  outcome: SnapshotOutcome;
  snapshot: string;
  repository: string;
}
export interface RequestFault extends FaultBase {
  type: 'http_error' | 'drop_connection' | 'delay';
  path: string;
  method: string;
  status?: number;
  ms?: number;
  error_type?: string;
  reason?: string;
}
export type Fault = SnapshotOutcomeFault | RequestFault;

/** What the next request must suffer: an optional delay, then optionally an error or a dropped socket. */
export interface RequestFaults {
  delayMs: number;
  terminal?: RequestFault;
}

/** Pending injected faults, consumed in the order they were added. */
export class FaultStore {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: unknown): Fault {
    const fault = parseFault(input, `fault-${this.nextId}`);
    this.nextId++;
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  takeRequestFaults(method: string, path: string): RequestFaults {
    const matches = (f: Fault): f is RequestFault =>
      f.type !== 'snapshot_outcome' && globMatch(f.path, path) && (f.method === '*' || f.method === method);
    const delay = this.faults.find((f): f is RequestFault => matches(f) && f.type === 'delay');
    const terminal = this.faults.find((f): f is RequestFault => matches(f) && f.type !== 'delay');
    if (delay) this.consume(delay);
    if (terminal) this.consume(terminal);
    return { delayMs: delay?.ms ?? 0, terminal: terminal ? { ...terminal } : undefined };
  }

  takeSnapshotOutcome(repository: string, snapshot: string): SnapshotOutcome | undefined {
    const fault = this.faults.find(
      (f): f is SnapshotOutcomeFault =>
        f.type === 'snapshot_outcome' &&
        globMatch(f.snapshot, snapshot) &&
        globMatch(f.repository, repository),
    );
    if (!fault) return undefined;
    this.consume(fault);
    return fault.outcome;
  }

  private consume(fault: Fault): void {
    fault.count--;
    if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
  }
}

function parseFault(input: unknown, id: string): Fault {
  if (!isPlainObject(input)) throw badFault('the body must be a JSON object');
  const count = optionalInteger(input, 'count', 1, 1);
  switch (input.type) {
    case 'snapshot_outcome': {
      const outcome = input.outcome;
      if (outcome !== 'FAILED' && outcome !== 'PARTIAL' && outcome !== 'HANG') {
        throw badFault('[outcome] must be one of FAILED, PARTIAL, HANG');
      }
      return {
        id,
        type: 'snapshot_outcome',
        outcome,
        snapshot: optionalString(input, 'snapshot', '*'),
        repository: optionalString(input, 'repository', '*'),
        count,
      };
    }
    case 'http_error':
    case 'drop_connection':
    case 'delay': {
      const fault: RequestFault = {
        id,
        type: input.type,
        count,
        path: optionalString(input, 'path', '*'),
        method: optionalString(input, 'method', '*').toUpperCase(),
      };
      if (input.type === 'http_error') {
        fault.status = optionalInteger(input, 'status', 503, 400, 599);
        if (input.error_type !== undefined) fault.error_type = optionalString(input, 'error_type', '');
        if (input.reason !== undefined) fault.reason = optionalString(input, 'reason', '');
      }
      if (input.type === 'delay') {
        if (input.ms === undefined) throw badFault('[ms] is required for a delay fault');
        fault.ms = optionalInteger(input, 'ms', 0, 0, 600_000);
      }
      return fault;
    }
    default:
      throw badFault('[type] must be one of snapshot_outcome, http_error, drop_connection, delay');
  }
}

function optionalString(input: Record<string, unknown>, key: string, fallback: string): string {
  const value = input[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0) throw badFault(`[${key}] must be a non-empty string`);
  return value;
}

function optionalInteger(
  input: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = input[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badFault(`[${key}] must be an integer from ${min} to ${max}`);
  }
  return value;
}

function badFault(reason: string): EsError {
  return new EsError(400, 'illegal_argument_exception', `invalid fault: ${reason}`);
}

/** The error envelope an injected http_error answers with (see docs/sandbox.md). */
export function injectedError(fault: RequestFault): EsError {
  const status = fault.status ?? 503;
  const [type, reason] = DEFAULT_ERRORS[status] ?? [
    'sandbox_injected_exception',
    `injected HTTP ${status} fault`,
  ];
  return new EsError(status, fault.error_type ?? type, fault.reason ?? reason);
}

const DEFAULT_ERRORS: Record<number, [string, string]> = {
  400: ['illegal_argument_exception', 'injected fault: bad request'],
  401: ['security_exception', 'missing authentication credentials for REST request'],
  403: ['security_exception', 'action is unauthorized'],
  404: ['resource_not_found_exception', 'injected fault: not found'],
  408: ['timeout_exception', 'injected fault: request timed out'],
  429: ['es_rejected_execution_exception', 'rejected execution (queue capacity reached)'],
  500: ['exception', 'injected fault: internal server error'],
  502: ['sandbox_injected_exception', 'injected fault: bad gateway'],
  503: ['cluster_block_exception', 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];'],
  504: [
    'process_cluster_event_timeout_exception',
    'injected fault: failed to process cluster event within timeout',
  ],
};
