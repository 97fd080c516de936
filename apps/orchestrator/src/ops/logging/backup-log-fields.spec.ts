import { backupLogFieldsOf } from './backup-log-fields.js';

describe('backupLogFieldsOf', () => {
  it('finds the backup of a snapshot part named in a message', () => {
    expect(
      backupLogFieldsOf('creating camunda_tasklist_9007199254740993_8.8.0_part_2_of_6: unreachable; retry 1'),
    ).toEqual({
      component: 'tasklist',
      backupId: '9007199254740993',
      partNo: 2,
      partCount: 6,
      snapshot: 'camunda_tasklist_9007199254740993_8.8.0_part_2_of_6',
    });
    expect(backupLogFieldsOf('Orchestrator API on http://127.0.0.1:9700')).toBeUndefined();
    expect(backupLogFieldsOf('camunda_zeebe_records_backup_1')).toBeUndefined();
  });
});
