/**
 * Elasticsearch's error model: an exception with a snake_case `type`, a `reason`, optional
 * metadata fields and an optional cause. Rendered as `{error:{root_cause,type,reason,...},status}`,
 * where `root_cause` holds the innermost cause (without its own `caused_by`).
 */
export class EsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly reason: string,
    readonly fields: Record<string, unknown> = {},
    readonly causedBy?: EsError,
  ) {
    super(`${type}: ${reason}`);
  }

  toBody(): { error: Record<string, unknown>; status: number } {
    return {
      error: { root_cause: [this.innermost().describe(false)], ...this.describe(true) },
      status: this.status,
    };
  }

  private innermost(): EsError {
    return this.causedBy ? this.causedBy.innermost() : this;
  }

  private describe(withCause: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = { type: this.type, reason: this.reason, ...this.fields };
    if (withCause && this.causedBy) out.caused_by = this.causedBy.describe(true);
    return out;
  }
}

/** A response that is not an exception envelope (ES's 400 "no handler" and 405 bodies). */
export class RawErrorResponse extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.error));
  }
}

export const illegalArgument = (reason: string): EsError =>
  new EsError(400, 'illegal_argument_exception', reason);

export const validationFailed = (messages: string[]): EsError =>
  new EsError(
    400,
    'action_request_validation_exception',
    `Validation Failed: ${messages.map((m, i) => `${i + 1}: ${m};`).join(' ')}`,
  );

export const indexNotFound = (name: string): EsError =>
  new EsError(404, 'index_not_found_exception', `no such index [${name}]`, {
    'resource.type': 'index_or_alias',
    'resource.id': name,
    index_uuid: '_na_',
    index: name,
  });

export const invalidIndexName = (name: string, description: string): EsError =>
  new EsError(400, 'invalid_index_name_exception', `Invalid index name [${name}], ${description}`, {
    index_uuid: '_na_',
    index: name,
  });

export const repositoryMissing = (names: string[]): EsError =>
  new EsError(404, 'repository_missing_exception', `[${names.join(', ')}] missing`);

export const repositoryError = (repository: string, reason: string, status = 500, cause?: EsError): EsError =>
  new EsError(status, 'repository_exception', `[${repository}] ${reason}`, {}, cause);

export const snapshotMissing = (repository: string, name: string): EsError =>
  new EsError(404, 'snapshot_missing_exception', `[${repository}:${name}] is missing`);

export const snapshotRestoreError = (snapshotRef: string, reason: string): EsError =>
  new EsError(500, 'snapshot_restore_exception', `[${snapshotRef}] ${reason}`);

export const indexClosed = (name: string, uuid: string): EsError =>
  new EsError(400, 'index_closed_exception', 'closed', { index_uuid: uuid, index: name });

export const parseFailure = (reason: string): EsError => new EsError(400, 'parse_exception', reason);
