import { finishedNotification, formatDuration, staleNotification, webhookBody } from './notification.js';

describe('notifications', () => {
  const failed = finishedNotification('operate', {
    component: 'operate',
    backupId: '42',
    outcome: 'FAILED',
    reason: 'Part 1 of 6 ended FAILED',
    durationMs: 75_000,
    acceptedAt: Date.parse('2026-01-02T10:00:00Z'),
    finishedAt: Date.parse('2026-01-02T10:01:20Z'),
  });

  it('carry exactly the contract fields, times in ISO-8601', () => {
    expect(JSON.parse(webhookBody(failed!, 'json'))).toEqual({
      event: 'failure',
      component: 'operate',
      backupId: '42',
      state: 'FAILED',
      failureReason: 'Part 1 of 6 ended FAILED',
      acceptedAt: '2026-01-02T10:00:00.000Z',
      finishedAt: '2026-01-02T10:01:20.000Z',
      durationMs: 75_000,
    });
    const completed = finishedNotification('coordinated', {
      backupId: '7',
      outcome: 'COMPLETED',
      finishedAt: 1000,
    });
    expect(completed).toMatchObject({
      event: 'success',
      failureReason: null,
      acceptedAt: null,
      durationMs: null,
    });
    expect(
      finishedNotification('operate', {
        component: 'operate',
        backupId: '1',
        outcome: 'CANCELLED',
        durationMs: 1,
      }),
    ).toBeUndefined();
  });

  it('tell a stale component by its newest COMPLETED backup', () => {
    const stale = staleNotification('tasklist', {
      status: 'DOWN',
      details: {
        maxAgeSeconds: 60,
        newestCompletedBackupId: '3',
        completedAt: '2026-01-01T00:00:00.000Z',
        ageSeconds: 90,
        message: 'the newest COMPLETED backup is older than 60 s',
      },
    });
    expect(stale).toEqual({
      event: 'stale',
      component: 'tasklist',
      backupId: '3',
      state: 'STALE',
      failureReason: 'the newest COMPLETED backup is older than 60 s',
      acceptedAt: null,
      finishedAt: '2026-01-01T00:00:00.000Z',
      durationMs: null,
    });
    expect(JSON.parse(webhookBody(stale, 'slack'))).toEqual({
      text: ':warning: tasklist backups are stale: the newest COMPLETED backup is older than 60 s (newest COMPLETED: 3 at 2026-01-01T00:00:00.000Z)',
    });
  });

  it('in Slack format are one readable line', () => {
    expect(JSON.parse(webhookBody(failed!, 'slack'))).toEqual({
      text: ':x: operate backup 42 FAILED after 1 min 15 s: Part 1 of 6 ended FAILED',
    });
    const restored = finishedNotification('restore', {
      backupId: '9',
      outcome: 'COMPLETED',
      acceptedAt: 0,
      finishedAt: 950,
      durationMs: 950,
    });
    expect(JSON.parse(webhookBody(restored!, 'slack')).text).toBe(
      ':white_check_mark: Restore of backup 9 COMPLETED after 0.95 s',
    );
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
  });
});
