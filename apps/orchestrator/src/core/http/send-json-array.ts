import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { stringifyJson } from '@app/datastore';

const logger = new Logger('sendJsonArray');

/** Items are written in pieces of about this many characters (one write per item costs more). */
const PIECE_CHARS = 64 * 1024;

/**
 * Streams a JSON array as its items are produced, with exact 64-bit integers as `sendJson`: memory
 * holds one piece of the body, not the whole answer. An error before the first item propagates (the
 * error filter answers it normally); after the status is sent it can no longer be reported, so the
 * connection is cut and the client sees an incomplete body rather than a wrong one.
 */
export async function sendJsonArray(
  response: Response,
  status: number,
  items: AsyncIterable<unknown>,
): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  let item = await iterator.next();
  response.status(status).type('application/json');
  try {
    let piece = '[';
    let first = true;
    while (!item.done) {
      piece += (first ? '' : ',') + stringifyJson(item.value);
      first = false;
      if (piece.length >= PIECE_CHARS) {
        await write(response, piece);
        piece = '';
      }
      item = await iterator.next();
    }
    response.end(`${piece}]`);
  } catch (error) {
    logger.warn(`Answer cut off after its status was sent: ${(error as Error).message}`);
    response.destroy(error as Error);
    await iterator.return?.(undefined);
  }
}

/** Writes and waits while the client is slower than the producer (backpressure). */
async function write(response: Response, chunk: string): Promise<void> {
  if (response.destroyed) throw new Error('the client went away');
  if (response.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      response.off('drain', done);
      response.off('close', closed);
      if (error) reject(error);
      else resolve();
    };
    const closed = () => done(new Error('the client went away'));
    response.on('drain', done);
    response.on('close', closed);
  });
}
