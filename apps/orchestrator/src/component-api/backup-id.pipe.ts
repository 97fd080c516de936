import { Injectable, type PipeTransform } from '@nestjs/common';
import { parseBackupIdText } from '@app/snapshot-planning';
import { BackupError } from '../backup/backup-errors.js';

/** The `{backupId}` path segment: digits only, 1 to 2^63-1, so it can never widen a snapshot pattern. */
@Injectable()
export class BackupIdPipe implements PipeTransform<string, bigint> {
  transform(value: string): bigint {
    const result = parseBackupIdText(value);
    if (!result.ok) throw new BackupError('invalid_request', result.message);
    return result.value;
  }
}
