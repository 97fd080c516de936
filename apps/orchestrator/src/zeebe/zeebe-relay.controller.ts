import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../core/errors/domain-error.js';
import { ZeebeError } from './zeebe-error.js';

/** DI token of where the relay sends requests: ZEEBE_MANAGEMENT_URL (or none) and the time-out. */
export const ZEEBE_RELAY_TARGET = Symbol('ZEEBE_RELAY_TARGET');

export interface ZeebeRelayTarget {
  url?: string;
  timeoutMs: number;
}

/** The paths of Zeebe's backup and exporting actuators that the orchestration-cluster listener relays. */
export const RELAYED_PATHS = [
  'actuator/backupRuntime',
  'actuator/backupRuntime/*path',
  'actuator/exporting/*path',
];

/** Request headers worth passing on (no hop-by-hop headers, no host, no credentials for the daemon). */
const PASSED_HEADERS = ['content-type', 'accept'];

/**
 * Zeebe's `/actuator/backupRuntime…` and `/actuator/exporting/…` on the orchestration-cluster
 * listener, relayed to ZEEBE_MANAGEMENT_URL unchanged — method, query and body there; status,
 * content type and body back — so Camunda's documented 8.8+ procedure runs against the daemon's
 * address as ORCHESTRATION_CLUSTER_MANAGEMENT_API (product contract §6).
 */
@Controller()
export class ZeebeRelayController {
  constructor(@Inject(ZEEBE_RELAY_TARGET) private readonly target: ZeebeRelayTarget) {}

  @All(RELAYED_PATHS)
  async relay(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.target.url) {
      throw new DomainError(
        'not_found',
        `${request.path} is relayed to Zeebe's management API, but ZEEBE_MANAGEMENT_URL is not set`,
      );
    }
    const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await readBody(request);
    const headers: Record<string, string> = {};
    for (const name of PASSED_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    let answer: globalThis.Response;
    try {
      answer = await fetch(`${this.target.url}${request.url}`, {
        method: request.method,
        headers,
        body: body && body.length > 0 ? body : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.target.timeoutMs),
      });
    } catch (error) {
      const cause =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ZEEBE_REQUEST_TIMEOUT_MS=${this.target.timeoutMs} ms`
          : (error as Error).message;
      throw new ZeebeError(
        `relaying ${request.method} ${request.path} to ZEEBE_MANAGEMENT_URL failed: ${cause}`,
      );
    }
    const content = Buffer.from(await answer.arrayBuffer());
    response.status(answer.status);
    const contentType = answer.headers.get('content-type');
    if (contentType) response.setHeader('content-type', contentType);
    response.end(content);
  }
}

async function readBody(request: Request): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
