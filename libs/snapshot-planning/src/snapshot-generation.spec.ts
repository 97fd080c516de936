import { compareVersionCore, parseVersionCore } from './camunda-version.js';
import { parseAnySnapshotName } from './snapshot-name.js';
import {
  componentsOfGeneration,
  generationOf,
  generationsOf,
  SNAPSHOT_GENERATIONS,
  type SnapshotGeneration,
} from './snapshot-generation.js';

describe('snapshot generations', () => {
  it('lists the components each topology backs up (product contract §6)', () => {
    expect(SNAPSHOT_GENERATIONS).toEqual(['per-app', 'orchestration-cluster']);
    expect(componentsOfGeneration('per-app')).toEqual(['optimize', 'operate', 'tasklist']);
    expect(componentsOfGeneration('orchestration-cluster')).toEqual(['optimize', 'webapps']);
    expect(() => componentsOfGeneration('zeebe' as SnapshotGeneration)).toThrow(
      new RangeError('generation must be one of per-app, orchestration-cluster; got zeebe'),
    );
    expect(() => componentsOfGeneration('toString' as SnapshotGeneration)).toThrow(/^generation must be/);
  });

  it('puts the Optimize family in both generations, the others in one', () => {
    expect(generationsOf('optimize')).toEqual(['per-app', 'orchestration-cluster']);
    expect(generationsOf('operate')).toEqual(['per-app']);
    expect(generationsOf('tasklist')).toEqual(['per-app']);
    expect(generationsOf('webapps')).toEqual(['orchestration-cluster']);
  });

  it.each([
    ['camunda_operate_5_8.7.2_part_1_of_6', 'per-app'],
    ['camunda_tasklist_5_8.7.2_part_6_of_6', 'per-app'],
    ['camunda_webapps_5_8.8.0_part_1_of_5', 'orchestration-cluster'],
    ['camunda_optimize_5_8.7.2_part_1_of_2', 'per-app'],
    ['camunda_optimize_5_8.6.0_part_1_of_2', 'per-app'],
    ['camunda_optimize_5_3.13.0_part_1_of_2', 'per-app'],
    ['camunda_optimize_5_8.8.0_part_2_of_2', 'orchestration-cluster'],
    ['camunda_optimize_5_8.8.0-snapshot_part_2_of_2', 'orchestration-cluster'],
    ['camunda_optimize_5_8.10.1_part_2_of_2', 'orchestration-cluster'],
    ['camunda_optimize_5_9.0.0_part_2_of_2', 'orchestration-cluster'],
  ])('a repository after an upgrade: %s is %s', (name, generation) => {
    expect(generationOf(parseAnySnapshotName(name)!)).toBe(generation);
  });

  it('refuses unknown components and invalid Optimize versions', () => {
    expect(() => generationOf({ component: 'zeebe' as 'webapps', version: '8.8.0' })).toThrow(
      /^component must be/,
    );
    expect(() => generationOf({ component: 'optimize', version: '8.8' })).toThrow(/^version must be/);
  });
});

function cmp(a: string, b: string): number {
  return Math.sign(compareVersionCore(parseVersionCore(a), parseVersionCore(b)));
}

describe('parseVersionCore', () => {
  it.each([
    ['8.8.0', { major: 8, minor: 8, patch: 0 }],
    ['8.8.0-snapshot', { major: 8, minor: 8, patch: 0 }],
    ['8.10.12-alpha-2', { major: 8, minor: 10, patch: 12 }],
    ['3.13.0', { major: 3, minor: 13, patch: 0 }],
  ])('%s → %j', (version, core) => {
    expect(parseVersionCore(version)).toEqual(core);
  });

  it('orders by major, then minor, then patch (8.10 is after 8.9)', () => {
    expect(cmp('8.10.0', '8.9.9')).toBe(1);
    expect(cmp('8.8.14', '8.8.15')).toBe(-1);
    expect(cmp('8.8.15-rc1', '8.8.15')).toBe(0);
    expect(cmp('9.0.0', '8.99.99')).toBe(1);
  });

  it.each(['8.8', '8.8.0.0', 'x', '8.8.0-RC1'])('refuses %j', (version) => {
    expect(() => parseVersionCore(version)).toThrow(/^version must be/);
  });
});
