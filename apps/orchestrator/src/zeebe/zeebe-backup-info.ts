/** One broker backup as Zeebe's management API describes it (facts §8.3). */
export interface ZeebeBackupInfo {
  backupId: bigint;
  /** COMPLETED, IN_PROGRESS, FAILED, INCOMPLETE or DOES_NOT_EXIST. */
  state: string;
  failureReason?: string;
  details: Array<{ partitionId: number; state: string; failureReason?: string }>;
}
