import type { Response } from 'express';
import { stringifyJson } from '@app/datastore';

/** Sends a JSON body with exact 64-bit integers (bigint renders as a plain JSON number). */
export function sendJson(response: Response, status: number, body: unknown): void {
  response.status(status).type('application/json').send(stringifyJson(body));
}
