import * as fc from 'fast-check';
import {
  TEMPLATE_BACKED_INDICES,
  WEBAPPS_LAYOUTS,
  webappsLayoutFor,
  type WebappsLayout,
} from './webapps-layout.js';

/** A layout as plain lists: main parts as their names, dated parts as the `m*`, `-m` pairs Camunda's tests show. */
function asLists(layout: WebappsLayout): string[][] {
  return layout.parts.map((part) =>
    part.kind === 'main' ? [...part.indices] : part.templates.flatMap((m) => [`${m}*`, `-${m}`]),
  );
}

function dated(...mains: string[]): string[] {
  return mains.flatMap((m) => [`${m}*`, `-${m}`]);
}

function sorted(lists: string[][]): string[][] {
  return lists.map((list) => [...list].sort());
}

// Expected contents, written out from facts 8.8+ §3.2–§3.4 (not derived from the implementation).
const PART_5_A_TEMPLATES = [
  'operate-decision-instance-8.3.0_',
  'operate-event-8.3.0_',
  'operate-flownode-instance-8.3.1_',
  'operate-incident-8.3.1_',
  'operate-job-8.6.0_',
  'operate-message-8.5.0_',
  'operate-post-importer-queue-8.3.0_',
  'operate-sequence-flow-8.3.0_',
  'operate-variable-8.3.0_',
  'tasklist-draft-task-variable-8.3.0_',
  'tasklist-task-variable-8.3.0_',
  'camunda-correlated-message-subscription-8.8.0_',
];
const PART_7_A = [
  'operate-decision-requirements-8.3.0_',
  'operate-metric-8.3.0_',
  'operate-process-8.3.0_',
  'tasklist-form-8.4.0_',
  'tasklist-metric-8.3.0_',
  'camunda-authorization-8.8.0_',
  'camunda-group-8.8.0_',
  'camunda-mapping-rule-8.8.0_',
  'camunda-web-session-8.8.0_',
  'camunda-role-8.8.0_',
  'camunda-tenant-8.8.0_',
  'camunda-user-8.8.0_',
  'camunda-usage-metric-8.8.0_',
  'camunda-usage-metric-tu-8.8.0_',
];
const EXPECTED_A = [
  ['operate-import-position-8.3.0_', 'tasklist-import-position-8.2.0_'],
  ['operate-list-view-8.3.0_', 'tasklist-task-8.8.0_'],
  dated('operate-list-view-8.3.0_', 'tasklist-task-8.8.0_'),
  ['operate-batch-operation-1.0.0_', 'operate-operation-8.4.1_'],
  ['operate-decision-8.3.0_', ...PART_5_A_TEMPLATES],
  dated(...PART_5_A_TEMPLATES),
  PART_7_A,
];
const PART_4_B = ['operate-batch-operation-1.0.0_', 'operate-operation-8.4.1_', ...PART_5_A_TEMPLATES];
const PART_6_B_88 = ['operate-decision-8.3.0_', ...PART_7_A];
const EXPECTED_B_88 = [
  ['operate-import-position-8.3.0_', 'tasklist-import-position-8.2.0_'],
  ['operate-list-view-8.3.0_', 'tasklist-task-8.8.0_'],
  dated('operate-list-view-8.3.0_', 'tasklist-task-8.8.0_'),
  PART_4_B,
  dated(...PART_4_B),
  PART_6_B_88,
  dated('camunda-usage-metric-8.8.0_', 'camunda-usage-metric-tu-8.8.0_'),
];
const EXPECTED_B_89 = [
  ['operate-metadata-8.8.0_', 'camunda-history-deletion-8.9.0_'],
  EXPECTED_B_88[1],
  EXPECTED_B_88[2],
  PART_4_B,
  dated(...PART_4_B),
  [
    ...PART_6_B_88,
    'camunda-audit-log-8.9.0_',
    'camunda-audit-log-cleanup-8.9.0_',
    'camunda-cluster-variable-8.9.0_',
    'camunda-job-metrics-batch-8.9.0_',
    'camunda-global-listener-8.9.0_',
  ],
  dated(
    'camunda-usage-metric-8.8.0_',
    'camunda-usage-metric-tu-8.8.0_',
    'camunda-audit-log-8.9.0_',
    'camunda-job-metrics-batch-8.9.0_',
  ),
];
const PART_4_C = ['camunda-agent-instance-8.10.0_', ...PART_4_B];
const EXPECTED_C = [
  ['operate-metadata-8.8.0_', 'camunda-history-deletion-8.9.0_'],
  EXPECTED_B_88[1],
  EXPECTED_B_88[2],
  PART_4_C,
  dated(...PART_4_C),
  [
    'operate-decision-8.3.0_',
    'operate-decision-requirements-8.3.0_',
    'operate-process-8.3.0_',
    'tasklist-form-8.4.0_',
    'camunda-authorization-8.8.0_',
    'camunda-group-8.8.0_',
    'camunda-mapping-rule-8.8.0_',
    'camunda-role-8.8.0_',
    'camunda-tenant-8.8.0_',
    'camunda-user-8.8.0_',
    'camunda-usage-metric-8.8.0_',
    'camunda-usage-metric-tu-8.8.0_',
    'camunda-audit-log-8.9.0_',
    'camunda-audit-log-cleanup-8.9.0_',
    'camunda-cluster-variable-8.9.0_',
    'camunda-job-metrics-batch-8.9.0_',
    'camunda-global-listener-8.9.0_',
    'camunda-agent-history-8.10.0_',
    'camunda-deployed-resource-8.10.0_',
    'camunda-wait-state-8.10.0_',
  ],
  dated(
    'camunda-usage-metric-8.8.0_',
    'camunda-usage-metric-tu-8.8.0_',
    'camunda-audit-log-8.9.0_',
    'camunda-job-metrics-batch-8.9.0_',
    'camunda-agent-history-8.10.0_',
    'camunda-wait-state-8.10.0_',
  ),
];

function layoutIdOf(core: readonly number[]): WebappsLayout['id'] {
  return webappsLayoutFor(core.join('.')).id;
}

describe('webappsLayoutFor: part membership', () => {
  it('layout A (8.8.0–8.8.14): 7 parts; operations and reference data have no dated part', () => {
    const layout = webappsLayoutFor('8.8.0');
    expect(layout.id).toBe('A');
    expect(sorted(asLists(layout))).toEqual(sorted(EXPECTED_A));
  });

  it('layout B for 8.8.15+: part 4 holds operations with the process-instance data, part 7 the dated usage metrics', () => {
    const layout = webappsLayoutFor('8.8.15');
    expect(layout).toMatchObject({ id: 'B', label: 'B (8.8.15+)' });
    expect(sorted(asLists(layout))).toEqual(sorted(EXPECTED_B_88));
  });

  it('layout B for 8.9: part 1 metadata + history deletion, 8.9 indices in parts 6 and 7', () => {
    const layout = webappsLayoutFor('8.9.0');
    expect(layout).toMatchObject({ id: 'B', label: 'B (8.9)' });
    expect(sorted(asLists(layout))).toEqual(sorted(EXPECTED_B_89));
  });

  it('layout C (8.10+): agents and wait states added, metrics and web session gone', () => {
    const layout = webappsLayoutFor('8.10.0');
    expect(layout.id).toBe('C');
    expect(sorted(asLists(layout))).toEqual(sorted(EXPECTED_C));
    const all = asLists(layout).flat();
    for (const gone of ['operate-metric-8.3.0_', 'tasklist-metric-8.3.0_', 'camunda-web-session-8.8.0_']) {
      expect(all).not.toContain(gone);
    }
  });

  it('keeps the exclusion right after its pattern in dated parts (an exclusion only removes what came before)', () => {
    for (const layout of WEBAPPS_LAYOUTS) {
      for (const part of layout.parts) {
        if (part.kind !== 'dated') continue;
        const list = asLists({ ...layout, parts: [part] })[0];
        for (let i = 0; i < list.length; i += 2) {
          expect(list[i].endsWith('*')).toBe(true);
          expect(list[i + 1]).toBe(`-${list[i].slice(0, -1)}`);
        }
      }
    }
  });

  it('names each main index at most once per layout, and dates only template-backed indices of the part before', () => {
    for (const layout of WEBAPPS_LAYOUTS) {
      const mains = layout.parts.flatMap((part) => (part.kind === 'main' ? part.indices : []));
      expect(new Set(mains).size).toBe(mains.length);
      layout.parts.forEach((part, position) => {
        if (part.kind !== 'dated') return;
        const before = layout.parts[position - 1];
        expect(before.kind).toBe('main');
        if (before.kind !== 'main') return;
        expect(part.templates.length).toBeGreaterThan(0);
        for (const template of part.templates) {
          expect(TEMPLATE_BACKED_INDICES.has(template)).toBe(true);
          expect(before.indices).toContain(template);
        }
        // Every template-backed main of the part before is dated (B and C date them all).
        expect([...part.templates].sort()).toEqual(
          before.indices.filter((name) => TEMPLATE_BACKED_INDICES.has(name)).sort(),
        );
      });
    }
  });

  it('gives every layout 7 candidate parts, none empty', () => {
    for (const layout of WEBAPPS_LAYOUTS) {
      expect(layout.parts).toHaveLength(7);
      for (const part of layout.parts) {
        expect(part.kind === 'main' ? part.indices.length : part.templates.length).toBeGreaterThan(0);
      }
    }
  });

  it('hands out frozen layouts (a caller cannot change the next plan)', () => {
    const layout = webappsLayoutFor('8.8.3');
    expect(Object.isFrozen(layout)).toBe(true);
    expect(Object.isFrozen(layout.parts)).toBe(true);
    const part = layout.parts[0];
    expect(Object.isFrozen(part.kind === 'main' ? part.indices : part.templates)).toBe(true);
  });
});

describe('webappsLayoutFor: version boundaries', () => {
  it.each([
    ['8.8.0', 'A (8.8.0–8.8.14)'],
    ['8.8.1', 'A (8.8.0–8.8.14)'],
    ['8.8.14', 'A (8.8.0–8.8.14)'],
    ['8.8.15', 'B (8.8.15+)'],
    ['8.8.16', 'B (8.8.15+)'],
    ['8.8.99', 'B (8.8.15+)'],
    ['8.9.0', 'B (8.9)'],
    ['8.9.7', 'B (8.9)'],
    ['8.10.0', 'C (8.10+)'],
    ['8.10.3', 'C (8.10+)'],
    ['8.11.0', 'C (8.10+)'],
    ['9.0.0', 'C (8.10+)'],
  ])('%s → %s', (version, label) => {
    expect(webappsLayoutFor(version).label).toBe(label);
  });

  it.each([
    ['8.8.0-snapshot', 'A (8.8.0–8.8.14)'],
    ['8.8.14-rc1', 'A (8.8.0–8.8.14)'],
    ['8.8.15-alpha.1', 'B (8.8.15+)'],
    ['8.9.0-alpha3', 'B (8.9)'],
    ['8.10.0-alpha2', 'C (8.10+)'],
  ])('maps the pre-release %s by its major.minor.patch → %s', (version, label) => {
    expect(webappsLayoutFor(version).label).toBe(label);
  });

  it.each(['8.7.99', '8.7.0', '8.6.3', '8.0.0', '3.13.0', '7.22.0', '8.7.0-rc1'])(
    'refuses %s: no web-apps backup before 8.8',
    (version) => {
      expect(() => webappsLayoutFor(version)).toThrow(
        new RangeError(
          `Camunda ${version} has no web-apps backup: it starts with 8.8.0 ` +
            '(before 8.8, Operate and Tasklist are backed up separately, topology per-app)',
        ),
      );
    },
  );

  it.each(['', '8.8', '8.8.0.1', 'v8.8.0', '8.8.0-SNAPSHOT', '08.8.0', '8.8.0_1', ' 8.8.0'])(
    'refuses the invalid version %j with the version rule',
    (version) => {
      expect(() => webappsLayoutFor(version)).toThrow(RangeError);
      expect(() => webappsLayoutFor(version)).toThrow(/^version must be/);
    },
  );

  it('is monotonic: a later release never gets an older layout (property)', () => {
    const order = { A: 0, B: 1, C: 2 } as const;
    const core = fc.tuple(fc.constant(8), fc.integer({ min: 8, max: 12 }), fc.integer({ min: 0, max: 40 }));
    fc.assert(
      fc.property(core, core, (a, b) => {
        const [earlier, later] = [a, b].sort((x, y) => x[1] - y[1] || x[2] - y[2]);
        expect(order[layoutIdOf(earlier)]).toBeLessThanOrEqual(order[layoutIdOf(later)]);
      }),
      { numRuns: 300 },
    );
  });
});
