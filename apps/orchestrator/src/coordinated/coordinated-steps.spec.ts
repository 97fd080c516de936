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

  it('builds a chain for the per-app topology whose root is the last step, with deterministic job IDs BullMQ accepts', () => {
    let node: any = buildCoordinatedFlow({ ...record, components: [...record.components] });
    const order: string[] = [];
    while (node) {
      order.unshift(node.name);
      expect(node.opts.jobId).toBe(stepJobId(record.backupId, node.name));
      expect(node.opts.jobId).not.toMatch(/:|^\d+$/);
      expect(node.opts.ignoreDependencyOnFailure).toBe(true);
      expect(node.children?.length ?? 0).toBeLessThanOrEqual(1);
      node = node.children?.[0];
    }
    expect(order).toEqual(stepsOf({ ...record, components: [...record.components] }));
  });

  it('runs web apps and Optimize in parallel after the pause (8.8+), Zeebe steps chained after both', () => {
    const root: any = buildCoordinatedFlow({ ...record, components: ['optimize', 'webapps'] });
    const shape = (node: any): unknown => {
      expect(node.opts.jobId).toBe(stepJobId(record.backupId, node.name));
      expect(node.opts.ignoreDependencyOnFailure).toBe(true);
      return node.children ? { [node.name]: node.children.map(shape) } : node.name;
    };
    expect(shape(root)).toEqual({
      'resume-exporting': [
        { 'zeebe-backup': [{ 'zeebe-records': [{ optimize: ['pause-exporting'] }, 'webapps'] }] },
      ],
    });
    const withoutZeebe: any = buildCoordinatedFlow({
      ...record,
      components: ['optimize', 'webapps'],
      zeebe: false,
    });
    expect([withoutZeebe.name, withoutZeebe.children.map((c: any) => c.name)]).toEqual([
      'webapps',
      ['optimize'],
    ]);
  });
});
