import { Injectable, type PipeTransform } from '@nestjs/common';
import { parseBackupId } from '@app/snapshot-planning';
import { DomainError } from './errors/domain-error.js';

/**
 * A backup ID from a request (body value or path segment): 1 to 2^63-1 with exact digits, so it can
 * never widen a snapshot pattern. Anything else is an invalid_request stating the rule.
 */
export function backupIdFromRequest(value: unknown): bigint {
  const parsed = parseBackupId(value);
  if (!parsed.ok) throw new DomainError('invalid_request', parsed.message);
  return parsed.value;
}

/** The `{backupId}` path segment of every API. */
@Injectable()
export class BackupIdPipe implements PipeTransform<string, bigint> {
  transform(value: string): bigint {
    return backupIdFromRequest(value);
  }
}
