/** A refusal of the orchestrator API (`/api/v1`): the status and a message saying what to do. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
