import type { BackupView } from '../backup/backup-view.js';
import type { DomainErrorKind } from '../core/errors/domain-error.js';
import { DEFAULT_STATUS_BY_KIND, type ErrorRendering } from '../core/errors/error-rendering.js';

/**
 * What differs between the components' Backup Management APIs (seed 000 for Optimize, seed 004 for
 * Operate and Tasklist; product contract §4). Everything else is shared.
 */
export interface ComponentContract extends ErrorRendering {
  createdStatus: number;
  createdBody(backupId: bigint, scheduledSnapshots: string[]): Record<string, unknown>;
  duplicateStatus: number;
  /** Status of "repository missing in the datastore" (and of "not configured", unless overridden). */
  repositoryProblemStatus: number;
  /** Status of "no repository configured" where it differs (web apps: 400 vs 404 for a missing one). */
  repositoryNotConfiguredStatus?: number;
  /** The path of the API on the listener: `actuator/backups`, or `actuator/backupHistory` for web apps. */
  path: 'actuator/backups' | 'actuator/backupHistory';
  /** Status of DELETE when nothing of that backup exists. */
  deleteUnknownStatus: number;
  notFoundMessage(backupId: bigint): string;
  /** Message of DELETE when nothing of that backup exists (default: notFoundMessage). */
  deleteUnknownMessage?(backupId: bigint): string;
  /** The get-one object, fields in the seed's order. */
  render(view: BackupView): Record<string, unknown>;
}

/** The seeds' statuses for the kinds they answer differently from the default. */
function statusOf(
  contract: Pick<
    ComponentContract,
    'duplicateStatus' | 'repositoryProblemStatus' | 'repositoryNotConfiguredStatus'
  >,
): (kind: DomainErrorKind) => number {
  return (kind) => {
    if (kind === 'duplicate_backup') return contract.duplicateStatus;
    if (kind === 'repository_missing') return contract.repositoryProblemStatus;
    if (kind === 'repository_not_configured') {
      return contract.repositoryNotConfiguredStatus ?? contract.repositoryProblemStatus;
    }
    return DEFAULT_STATUS_BY_KIND[kind];
  };
}

const OPTIMIZE_ERROR_CODES: Record<number, string> = {
  404: 'notFoundError',
  409: 'conflict',
  500: 'serverError',
  502: 'elasticsearchConnectionError',
  503: 'serviceUnavailableError',
};

export function optimizeContract(completeWord: 'COMPLETE' | 'COMPLETED'): ComponentContract {
  const statuses = { duplicateStatus: 409, repositoryProblemStatus: 400 };
  return {
    ...statuses,
    statusOf: statusOf(statuses),
    path: 'actuator/backups',
    createdStatus: 202,
    createdBody: (backupId) => ({
      message: `Backup creation for ID ${backupId} has been scheduled. Use the GET API to monitor completion of backup process`,
    }),
    deleteUnknownStatus: 204,
    notFoundMessage: (backupId) => `No Optimize backup with ID [${backupId}] could be found.`,
    render: (view) => ({
      backupId: view.backupId,
      failureReason: view.failureReason,
      state: view.state === 'COMPLETED' ? completeWord : view.state,
      details: view.details,
    }),
    body: (status, message) => ({
      message,
      errorCode: OPTIMIZE_ERROR_CODES[status] ?? (status < 500 ? 'badRequestError' : 'serverError'),
      errorMessage: message,
      detailedMessage: message,
    }),
  };
}

export function operateTasklistContract(): ComponentContract {
  const statuses = { duplicateStatus: 400, repositoryProblemStatus: 404 };
  return {
    ...statuses,
    statusOf: statusOf(statuses),
    path: 'actuator/backups',
    createdStatus: 200,
    createdBody: (_backupId, scheduledSnapshots) => ({ scheduledSnapshots }),
    deleteUnknownStatus: 404,
    notFoundMessage: (backupId) => `No backup with id [${backupId}] found.`,
    render: (view) => ({
      backupId: view.backupId,
      state: view.state,
      failureReason: view.failureReason,
      details: view.details,
    }),
    body: (_status, message) => ({ message }),
  };
}

/**
 * Camunda 8.8+'s web-apps API, `/actuator/backupHistory` on the orchestration cluster's port (facts
 * 8.8+ §2): Operate/Tasklist's shapes, but an unset repository name is 400 and a missing repository
 * 404, and DELETE of an unknown ID says no metadata was found.
 */
export function webappsContract(): ComponentContract {
  const statuses = { duplicateStatus: 400, repositoryProblemStatus: 404, repositoryNotConfiguredStatus: 400 };
  return {
    ...operateTasklistContract(),
    ...statuses,
    statusOf: statusOf(statuses),
    path: 'actuator/backupHistory',
    deleteUnknownMessage: (backupId) =>
      `Expected to find backup with ID '${backupId}', but no metadata for it found`,
  };
}
