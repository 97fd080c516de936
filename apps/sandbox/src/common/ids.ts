import { randomBytes } from 'node:crypto';

/** A 22-character URL-safe base64 id, like Elasticsearch's UUIDs. */
export function newUuid(): string {
  return randomBytes(16).toString('base64url');
}
