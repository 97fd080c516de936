/** A failed call to Zeebe's management API: `unreachable` (no answer) or the status Zeebe answered. */
export class ZeebeError extends Error {
  constructor(
    message: string,
    /** HTTP status Zeebe answered with; undefined when it could not be reached. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ZeebeError';
  }
}
