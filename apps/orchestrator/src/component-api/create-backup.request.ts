import { parseBackupId } from '@app/snapshot-planning';
import {
  Validate,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

@ValidatorConstraint({ name: 'backupId' })
export class BackupIdConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return parseBackupId(value).ok;
  }

  defaultMessage(args: ValidationArguments): string {
    const result = parseBackupId(args.value);
    return result.ok ? '' : result.message;
  }
}

/** Body of POST /actuator/backups (seeds 000 and 004). */
export class CreateBackupRequest {
  /** bigint from an exact JSON number, or a string of digits. */
  @Validate(BackupIdConstraint)
  backupId: unknown;
}
