/** Exit codes scripts can rely on (README of the CLI: docs/runbook.md). */
export const EXIT = {
  /** Done; with --wait: the backup or restore COMPLETED. */
  ok: 0,
  /** With --wait: the backup or restore ended otherwise (FAILED, INCOMPLETE, …). */
  failed: 1,
  /** The command line is wrong (unknown command, option or value). */
  usage: 2,
  /** The orchestrator refused the request (400, 409, …). */
  refused: 3,
  /** No such backup or restore (404). */
  notFound: 4,
  /** The orchestrator cannot be reached, or it (or the datastore behind it) failed (5xx). */
  unavailable: 5,
  /** `backup status`: the backup is still in progress. */
  inProgress: 6,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of an orchestrator answer that is not a success. */
export function exitCodeOfStatus(status: number): ExitCode {
  if (status === 404) return EXIT.notFound;
  if (status >= 500) return EXIT.unavailable;
  return EXIT.refused;
}
