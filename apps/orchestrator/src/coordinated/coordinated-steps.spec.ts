import { buildCoordinatedFlow } from './coordinated-flow.js';
import { stepJobId, stepsOf } from './coordinated-steps.js';

describe('coordinated backup steps', () => {
  const record = {
    backupId: '1700000000',
    components: ['optimize', 'operate', 'tasklist'] as const,
    zeebe: true,
    acceptedAt: 0,
    trigger: 'api' as const,
  };

  it('orders the steps as the cluster procedure does (facts §8.1)', () => {
    expect(stepsOf({ ...record, components: [...record.components] })).toEqual([
      'pause-exporting',
      'optimize',
      'operate',
      'tasklist',
      'zeebe-records',
      'zeebe-backup',
      'resume-exporting',
    ]);
    expect(stepsOf({ components: ['operate'], zeebe: false })).toEqual(['operate']);
  });

  it('builds a tree: Zeebe steps chained, components in parallel after the pause, deterministic job IDs', () => {
    const root: any = buildCoordinatedFlow({ ...record, components: [...record.components] });
    const shape = (node: any): unknown => {
      expect(node.opts.jobId).toBe(stepJobId(record.backupId, node.name));
      expect(node.opts.jobId).not.toMatch(/:|^\d+$/);
      expect(node.opts.ignoreDependencyOnFailure).toBe(true);
      return node.children ? { [node.name]: node.children.map(shape) } : node.name;
    };
    expect(shape(root)).toEqual({
      'resume-exporting': [
        {
          'zeebe-backup': [
            {
              'zeebe-records': [{ optimize: ['pause-exporting'] }, 'operate', 'tasklist'],
            },
          ],
        },
      ],
    });
  });

  it('chains the components when Zeebe is left out (nothing would await them together)', () => {
    const root: any = buildCoordinatedFlow({ ...record, components: ['optimize', 'webapps'], zeebe: false });
    expect(root.name).toBe('webapps');
    expect(root.children.map((c: any) => [c.name, c.children])).toEqual([['optimize', undefined]]);
  });
});
