import { globMatch } from '../common/glob.js';
import { isPlainObject } from '../common/json.js';

/**
 * `http_error`: the next matching request answers `status`; `backup_outcome`: the next backup ends
 * FAILED or never ends; `exporting_failure`: the next pause/resume fails inside Zeebe (8.8+: HTTP
 * 200 with `"status":500` in the body; ≤ 8.7: HTTP 500) and leaves exporting as it was.
 */
export type ZeebeFault =
  | { id: string; type: 'http_error'; path: string; method: string; status: number; count: number }
  | { id: string; type: 'backup_outcome'; outcome: 'FAILED' | 'HANG'; count: number }
  | { id: string; type: 'exporting_failure'; operation: ExportingOperation | '*'; count: number };

export type ExportingOperation = 'pause' | 'resume';

export class ZeebeFaultError extends Error {}

/** Pending faults of the Zeebe stand-in, consumed in the order they were added. */
export class ZeebeFaults {
  private faults: ZeebeFault[] = [];
  private nextId = 1;

  add(input: unknown): ZeebeFault {
    const fault = parse(input, `zeebe-fault-${this.nextId}`);
    this.nextId++;
    this.faults.push(fault);
    return fault;
  }

  list(): ZeebeFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  takeHttpError(method: string, path: string): number | undefined {
    const fault = this.faults.find(
      (f) => f.type === 'http_error' && globMatch(f.path, path) && (f.method === '*' || f.method === method),
    );
    if (!fault || fault.type !== 'http_error') return undefined;
    this.consume(fault);
    return fault.status;
  }

  takeBackupOutcome(): 'FAILED' | 'HANG' | undefined {
    const fault = this.faults.find((f) => f.type === 'backup_outcome');
    if (!fault || fault.type !== 'backup_outcome') return undefined;
    this.consume(fault);
    return fault.outcome;
  }

  takeExportingFailure(operation: ExportingOperation): boolean {
    const fault = this.faults.find(
      (f) => f.type === 'exporting_failure' && (f.operation === '*' || f.operation === operation),
    );
    if (!fault) return false;
    this.consume(fault);
    return true;
  }

  private consume(fault: ZeebeFault): void {
    fault.count--;
    if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
  }
}

function parse(input: unknown, id: string): ZeebeFault {
  if (!isPlainObject(input)) throw new ZeebeFaultError('the body must be a JSON object');
  const count = input.count ?? 1;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw new ZeebeFaultError('[count] must be a positive integer');
  }
  if (input.type === 'http_error') {
    const status = input.status ?? 500;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
      throw new ZeebeFaultError('[status] must be an integer from 400 to 599');
    }
    const path = input.path ?? '*';
    const method = input.method ?? '*';
    if (typeof path !== 'string' || typeof method !== 'string') {
      throw new ZeebeFaultError('[path] and [method] must be strings');
    }
    return { id, type: 'http_error', path, method: method.toUpperCase(), status, count };
  }
  if (input.type === 'backup_outcome') {
    if (input.outcome !== 'FAILED' && input.outcome !== 'HANG') {
      throw new ZeebeFaultError('[outcome] must be FAILED or HANG');
    }
    return { id, type: 'backup_outcome', outcome: input.outcome, count };
  }
  if (input.type === 'exporting_failure') {
    const operation = input.operation ?? '*';
    if (operation !== 'pause' && operation !== 'resume' && operation !== '*') {
      throw new ZeebeFaultError('[operation] must be pause, resume or *');
    }
    return { id, type: 'exporting_failure', operation, count };
  }
  throw new ZeebeFaultError('[type] must be http_error, backup_outcome or exporting_failure');
}
