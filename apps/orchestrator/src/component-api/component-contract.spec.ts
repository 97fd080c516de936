import type { BackupView } from '../backup/backup-view.js';
import { operateTasklistContract, optimizeContract } from './component-contract.js';

const completed: BackupView = { backupId: 5n, state: 'COMPLETED', failureReason: null, details: [] };

describe('component contracts', () => {
  it('renders Optimize in its seed field order with its finished-state word', () => {
    expect(Object.keys(optimizeContract('COMPLETE').render(completed))).toEqual([
      'backupId',
      'failureReason',
      'state',
      'details',
    ]);
    expect(optimizeContract('COMPLETE').render(completed).state).toBe('COMPLETE');
    expect(optimizeContract('COMPLETED').render(completed).state).toBe('COMPLETED');
    expect(optimizeContract('COMPLETE').render({ ...completed, state: 'FAILED' }).state).toBe('FAILED');
  });

  it('renders Operate/Tasklist in their seed field order', () => {
    expect(Object.keys(operateTasklistContract().render(completed))).toEqual([
      'backupId',
      'state',
      'failureReason',
      'details',
    ]);
  });

  it('gives Optimize errors the errorCode of each status', () => {
    const optimize = optimizeContract('COMPLETE');
    expect(optimize.body(400, 'm')).toEqual({
      message: 'm',
      errorCode: 'badRequestError',
      errorMessage: 'm',
      detailedMessage: 'm',
    });
    expect(optimize.body(404, 'm').errorCode).toBe('notFoundError');
    expect(optimize.body(409, 'm').errorCode).toBe('conflict');
    expect(optimize.body(500, 'm').errorCode).toBe('serverError');
    expect(optimize.body(502, 'm').errorCode).toBe('elasticsearchConnectionError');
    expect(operateTasklistContract().body(404, 'm')).toEqual({ message: 'm' });
  });

  it('keeps the per-component status codes of the seeds', () => {
    const optimize = optimizeContract('COMPLETE');
    const operate = operateTasklistContract();
    expect([optimize.createdStatus, optimize.duplicateStatus, optimize.deleteUnknownStatus]).toEqual([
      202, 409, 204,
    ]);
    expect([operate.createdStatus, operate.duplicateStatus, operate.deleteUnknownStatus]).toEqual([
      200, 400, 404,
    ]);
    expect([optimize.repositoryProblemStatus, operate.repositoryProblemStatus]).toEqual([400, 404]);
  });
});

describe('component contract error statuses', () => {
  it("answers duplicates and repository problems with each seed's status, the rest by default", () => {
    const optimize = optimizeContract('COMPLETE');
    const operate = operateTasklistContract();
    expect([optimize.statusOf('duplicate_backup'), operate.statusOf('duplicate_backup')]).toEqual([409, 400]);
    expect([optimize.statusOf('repository_missing'), operate.statusOf('repository_not_configured')]).toEqual([
      400, 404,
    ]);
    expect([optimize.statusOf('queue_unavailable'), operate.statusOf('unsupported_media_type')]).toEqual([
      503, 415,
    ]);
  });
});
