import { resolveIndices } from './testing/resolve-indices.js';
import * as fc from 'fast-check';
import { backupSnapshotNames, parseAnySnapshotName } from './snapshot-name.js';
import { TEMPLATE_BACKED_INDICES } from './webapps-layout.js';
import { planWebappsParts, type WebappsPlan } from './webapps-part-plan.js';

function layoutParts(plan: WebappsPlan): number[] {
  return plan.parts.map((part) => part.layoutPart);
}

// Facts 8.8+ §3.5: the main indices each line creates.
const MAIN_88 = [
  'camunda-authorization-8.8.0_',
  'camunda-correlated-message-subscription-8.8.0_',
  'camunda-group-8.8.0_',
  'camunda-mapping-rule-8.8.0_',
  'camunda-role-8.8.0_',
  'camunda-tenant-8.8.0_',
  'camunda-usage-metric-8.8.0_',
  'camunda-usage-metric-tu-8.8.0_',
  'camunda-user-8.8.0_',
  'camunda-web-session-8.8.0_',
  'operate-batch-operation-1.0.0_',
  'operate-decision-8.3.0_',
  'operate-decision-instance-8.3.0_',
  'operate-decision-requirements-8.3.0_',
  'operate-event-8.3.0_',
  'operate-flownode-instance-8.3.1_',
  'operate-import-position-8.3.0_',
  'operate-incident-8.3.1_',
  'operate-job-8.6.0_',
  'operate-list-view-8.3.0_',
  'operate-message-8.5.0_',
  'operate-metric-8.3.0_',
  'operate-operation-8.4.1_',
  'operate-post-importer-queue-8.3.0_',
  'operate-process-8.3.0_',
  'operate-sequence-flow-8.3.0_',
  'operate-variable-8.3.0_',
  'tasklist-draft-task-variable-8.3.0_',
  'tasklist-form-8.4.0_',
  'tasklist-import-position-8.2.0_',
  'tasklist-metric-8.3.0_',
  'tasklist-task-8.8.0_',
  'tasklist-task-variable-8.3.0_',
];
const MAIN_89 = [
  ...MAIN_88.filter((name) => !name.includes('-import-position-')),
  'operate-metadata-8.8.0_',
  'camunda-history-deletion-8.9.0_',
  'camunda-audit-log-8.9.0_',
  'camunda-audit-log-cleanup-8.9.0_',
  'camunda-cluster-variable-8.9.0_',
  'camunda-global-listener-8.9.0_',
  'camunda-job-metrics-batch-8.9.0_',
];
const MAIN_810 = [
  ...MAIN_89,
  'camunda-wait-state-8.10.0_',
  'camunda-agent-instance-8.10.0_',
  'camunda-agent-history-8.10.0_',
  'camunda-agent-definition-8.10.0_',
  'camunda-deployed-resource-8.10.0_',
];

/** Two archived (dated) copies of every template-backed main index, as the archiver creates them. */
function archivesOf(mains: readonly string[]): string[] {
  return mains
    .filter((name) => TEMPLATE_BACKED_INDICES.has(name))
    .flatMap((name) => [`${name}2026-06-12`, `${name}2026-06-13`]);
}

const ARCHIVED_88 = [...MAIN_88, ...archivesOf(MAIN_88)];
const ARCHIVED_89 = [...MAIN_89, ...archivesOf(MAIN_89)];
const ARCHIVED_810 = [...MAIN_810, ...archivesOf(MAIN_810)];

// Indices that live in the same cluster but are not Camunda 8.8+ web-apps descriptors.
const UNRELATED = [
  'operate-user-1.2.0_',
  'operate-migration-steps-repository-1.1.0_',
  'tasklist-web-session-1.1.0_',
  'zeebe-record_process-instance_8.8.0_2025-06-03',
  'optimize-process-instance-v8',
  'other-app-logs',
];

describe('planWebappsParts: fresh and archived installations', () => {
  it.each([
    ['8.8.0', MAIN_88, [1, 2, 4, 5, 7]],
    ['8.8.14', MAIN_88, [1, 2, 4, 5, 7]],
    ['8.8.15', MAIN_88, [1, 2, 4, 6]],
    ['8.9.0', MAIN_89, [1, 2, 4, 6]],
    ['8.10.0', MAIN_810, [1, 2, 4, 6]],
  ])(
    'fresh %s (main indices only) plans the layout parts without dated ones',
    (version, existing, expected) => {
      const plan = planWebappsParts({ version, existingIndices: existing });
      expect(plan.missingRequired).toEqual([]);
      expect(layoutParts(plan)).toEqual(expected);
      expect(plan.parts.map((part) => [part.partNo, part.partCount])).toEqual(
        expected.map((_, position) => [position + 1, expected.length]),
      );
      for (const part of plan.parts) expect(part.indices.some((name) => name.includes('*'))).toBe(false);
    },
  );

  it.each([
    ['8.8.3', ARCHIVED_88],
    ['8.8.15', ARCHIVED_88],
    ['8.9.2', ARCHIVED_89],
    ['8.10.1', ARCHIVED_810],
  ])('archived %s plans all 7 parts', (version, existing) => {
    const plan = planWebappsParts({ version, existingIndices: existing });
    expect(plan.missingRequired).toEqual([]);
    expect(layoutParts(plan)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(plan.parts.every((part) => part.partCount === 7)).toBe(true);
  });

  it('fresh 8.8.15 names its snapshots `_of_4` (facts: "a fresh install yields fewer parts")', () => {
    const plan = planWebappsParts({ version: '8.8.15', existingIndices: MAIN_88 });
    expect(backupSnapshotNames('webapps', 42n, '8.8.15', plan.parts[0].partCount)).toEqual([
      'camunda_webapps_42_8.8.15_part_1_of_4',
      'camunda_webapps_42_8.8.15_part_2_of_4',
      'camunda_webapps_42_8.8.15_part_3_of_4',
      'camunda_webapps_42_8.8.15_part_4_of_4',
    ]);
  });

  it('archived 8.8.0–8.8.14: dated operations and usage metrics exist but are in no part (Camunda bug #47122)', () => {
    const plan = planWebappsParts({ version: '8.8.7', existingIndices: ARCHIVED_88 });
    const selected = plan.parts.flatMap((part) => [...resolveIndices(part.indices, ARCHIVED_88)]);
    for (const main of [
      'operate-batch-operation-1.0.0_',
      'operate-operation-8.4.1_',
      'camunda-usage-metric-8.8.0_',
      'camunda-usage-metric-tu-8.8.0_',
    ]) {
      expect(selected).toContain(main);
      expect(selected).not.toContain(`${main}2026-06-12`);
    }
  });

  it('archived 8.8.15+: every existing layout index is selected by exactly one part', () => {
    const plan = planWebappsParts({ version: '8.8.15', existingIndices: ARCHIVED_88 });
    const selected = plan.parts.flatMap((part) => [...resolveIndices(part.indices, ARCHIVED_88)]);
    expect(selected.sort()).toEqual([...ARCHIVED_88].sort());
  });

  it('8.9 part 1 holds the metadata and history-deletion indices; 8.9 dated audit logs go to part 7', () => {
    const plan = planWebappsParts({ version: '8.9.0', existingIndices: ARCHIVED_89 });
    expect(plan.parts[0].indices).toEqual(['operate-metadata-8.8.0_', 'camunda-history-deletion-8.9.0_']);
    expect(resolveIndices(plan.parts[6].indices, ARCHIVED_89)).toEqual(
      new Set(
        [
          'camunda-usage-metric-8.8.0_',
          'camunda-usage-metric-tu-8.8.0_',
          'camunda-audit-log-8.9.0_',
          'camunda-job-metrics-batch-8.9.0_',
        ].flatMap((main) => [`${main}2026-06-12`, `${main}2026-06-13`]),
      ),
    );
  });

  it('8.10 leaves out indices its layout does not name (agent definitions, metrics, web session)', () => {
    const plan = planWebappsParts({ version: '8.10.0', existingIndices: ARCHIVED_810 });
    const selected = plan.parts.flatMap((part) => [...resolveIndices(part.indices, ARCHIVED_810)]);
    for (const left of [
      'camunda-agent-definition-8.10.0_',
      'operate-metric-8.3.0_',
      'tasklist-metric-8.3.0_',
      'camunda-web-session-8.8.0_',
    ]) {
      expect(selected).not.toContain(left);
    }
  });
});

describe('planWebappsParts: dated parts', () => {
  it('keeps only the templates that have archives, and renumbers around the skipped parts', () => {
    const existing = [...MAIN_89, 'operate-list-view-8.3.0_2026-01-01', 'camunda-audit-log-8.9.0_2026-01-01'];
    const plan = planWebappsParts({ version: '8.9.1', existingIndices: existing });
    expect(layoutParts(plan)).toEqual([1, 2, 3, 4, 6, 7]);
    expect(plan.parts.map((part) => part.partNo)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plan.parts.every((part) => part.partCount === 6)).toBe(true);
    expect(plan.parts[2].indices).toEqual(['operate-list-view-8.3.0_*', '-operate-list-view-8.3.0_']);
    expect(plan.parts[5]).toEqual({
      partNo: 6,
      partCount: 6,
      layoutPart: 7,
      indices: ['camunda-audit-log-8.9.0_*', '-camunda-audit-log-8.9.0_'],
    });
  });

  it('counts an archive even when the main index is the only other name (never an empty list)', () => {
    const plan = planWebappsParts({
      version: '8.8.15',
      existingIndices: [...MAIN_88, 'tasklist-task-8.8.0_2026-02-02'],
    });
    const datedPart = plan.parts.find((part) => part.layoutPart === 3)!;
    expect(resolveIndices(datedPart.indices, [...MAIN_88, 'tasklist-task-8.8.0_2026-02-02'])).toEqual(
      new Set(['tasklist-task-8.8.0_2026-02-02']),
    );
  });

  it('does not take a longer sibling index for an archive (usage-metric-tu is not a usage-metric copy)', () => {
    const plan = planWebappsParts({ version: '8.8.15', existingIndices: MAIN_88 });
    expect(plan.parts.some((part) => part.indices.includes('camunda-usage-metric-8.8.0_*'))).toBe(false);
  });
});

describe('planWebappsParts: index prefix', () => {
  const prefixed = ARCHIVED_89.map((name) => `prod-${name}`);

  it('builds every name and pattern as `<prefix>-<name>`', () => {
    const plan = planWebappsParts({ version: '8.9.0', indexPrefix: 'prod', existingIndices: prefixed });
    expect(plan.missingRequired).toEqual([]);
    expect(plan.parts).toHaveLength(7);
    expect(plan.parts[0].indices).toEqual([
      'prod-operate-metadata-8.8.0_',
      'prod-camunda-history-deletion-8.9.0_',
    ]);
    expect(plan.parts[2].indices).toEqual([
      'prod-operate-list-view-8.3.0_*',
      '-prod-operate-list-view-8.3.0_',
      'prod-tasklist-task-8.8.0_*',
      '-prod-tasklist-task-8.8.0_',
    ]);
    for (const entry of plan.parts.flatMap((part) => part.indices)) {
      expect(entry.replace(/^-/, '').startsWith('prod-')).toBe(true);
    }
    const selected = plan.parts.flatMap((part) => [...resolveIndices(part.indices, prefixed)]);
    expect(selected.sort()).toEqual([...prefixed].sort());
  });

  it('treats an omitted prefix as none (Camunda default), same as the empty prefix', () => {
    const withDefault = planWebappsParts({ version: '8.9.0', existingIndices: ARCHIVED_89 });
    expect(planWebappsParts({ version: '8.9.0', indexPrefix: '', existingIndices: ARCHIVED_89 })).toEqual(
      withDefault,
    );
  });

  it("ignores another prefix's indices: unprefixed ones do not satisfy a prefixed plan and vice versa", () => {
    const unprefixedOnly = planWebappsParts({
      version: '8.9.0',
      indexPrefix: 'prod',
      existingIndices: ARCHIVED_89,
    });
    expect(unprefixedOnly.parts).toEqual([]);
    // The 8.9 layout names every main index an 8.9 installation creates.
    expect([...unprefixedOnly.missingRequired].sort()).toEqual(MAIN_89.map((name) => `prod-${name}`).sort());
    const prefixedOnly = planWebappsParts({ version: '8.9.0', existingIndices: prefixed });
    expect(prefixedOnly.parts).toEqual([]);
    // An unprefixed plan's dated patterns must not reach into another prefix's archives either.
    const both = planWebappsParts({ version: '8.9.0', existingIndices: [...MAIN_89, ...prefixed] });
    expect(layoutParts(both)).toEqual([1, 2, 4, 6]);
  });

  it.each(['*', 'prod*', 'a,b', '-prod', '_prod', 'Prod', 'pr od', 'p/q', 'x'.repeat(101), '.'])(
    'refuses the prefix %j',
    (indexPrefix) => {
      expect(() => planWebappsParts({ version: '8.9.0', indexPrefix, existingIndices: MAIN_89 })).toThrow(
        /^indexPrefix must be empty or 1 to 100 characters/,
      );
    },
  );

  it('accepts prefixes with digits, dots, underscores and hyphens', () => {
    for (const indexPrefix of ['p', '1', 'team-a.prod_2', 'x'.repeat(100)]) {
      const existing = MAIN_89.map((name) => `${indexPrefix}-${name}`);
      expect(
        planWebappsParts({ version: '8.9.0', indexPrefix, existingIndices: existing }).missingRequired,
      ).toEqual([]);
    }
  });
});

describe('planWebappsParts: required indices', () => {
  it('reports a missing required index and plans nothing', () => {
    const existing = ARCHIVED_88.filter((name) => name !== 'camunda-role-8.8.0_');
    const plan = planWebappsParts({ version: '8.8.15', existingIndices: existing });
    expect(plan).toEqual({
      layout: 'B',
      layoutLabel: 'B (8.8.15+)',
      parts: [],
      missingRequired: ['camunda-role-8.8.0_'],
    });
  });

  it('reports every missing main index in layout order, prefix included', () => {
    const plan = planWebappsParts({ version: '8.8.0', indexPrefix: 'p', existingIndices: [] });
    expect(plan.parts).toEqual([]);
    expect(plan.missingRequired[0]).toBe('p-operate-import-position-8.3.0_');
    expect([...plan.missingRequired].sort()).toEqual(MAIN_88.map((name) => `p-${name}`).sort());
  });

  it('reports the 8.9 indices an 8.8 schema lacks when the version is set to 8.9 (schema not yet migrated)', () => {
    const plan = planWebappsParts({ version: '8.9.0', existingIndices: MAIN_88 });
    expect(plan.missingRequired).toEqual([
      'operate-metadata-8.8.0_',
      'camunda-history-deletion-8.9.0_',
      'camunda-audit-log-8.9.0_',
      'camunda-audit-log-cleanup-8.9.0_',
      'camunda-cluster-variable-8.9.0_',
      'camunda-job-metrics-batch-8.9.0_',
      'camunda-global-listener-8.9.0_',
    ]);
  });

  it('does not require dated archives and does not add unrelated existing indices', () => {
    const plan = planWebappsParts({ version: '8.8.15', existingIndices: [...MAIN_88, ...UNRELATED] });
    expect(plan.missingRequired).toEqual([]);
    const planned = plan.parts.flatMap((part) => part.indices);
    for (const name of UNRELATED) expect(planned).not.toContain(name);
    expect([...planned].sort()).toEqual([...MAIN_88].sort());
  });
});

describe('planWebappsParts: bad input', () => {
  it('refuses versions before 8.8 and invalid versions', () => {
    expect(() => planWebappsParts({ version: '8.7.5', existingIndices: MAIN_88 })).toThrow(
      /no web-apps backup/,
    );
    expect(() => planWebappsParts({ version: '8.8', existingIndices: MAIN_88 })).toThrow(/^version must be/);
  });

  it('refuses an index list that is not an array of strings', () => {
    for (const existingIndices of [undefined, 'operate-list-view-8.3.0_', [1], [null]]) {
      expect(() =>
        planWebappsParts({ version: '8.8.0', existingIndices: existingIndices as unknown as string[] }),
      ).toThrow(new TypeError('existingIndices must be an array of index names (strings)'));
    }
  });
});

describe('planWebappsParts: properties', () => {
  const lines = [
    { version: '8.8.2', mains: MAIN_88, archives: archivesOf(MAIN_88) },
    { version: '8.8.15', mains: MAIN_88, archives: archivesOf(MAIN_88) },
    { version: '8.9.0', mains: MAIN_89, archives: archivesOf(MAIN_89) },
    { version: '8.10.0-alpha2', mains: MAIN_810, archives: archivesOf(MAIN_810) },
  ];
  const scenario = fc
    .record({
      line: fc.constantFrom(...lines),
      prefix: fc.constantFrom('', 'p', 'team-a.prod_2'),
      archiveMask: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
      dropMask: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
      dropSome: fc.boolean(),
      unrelated: fc.subarray(UNRELATED),
    })
    .map(({ line, prefix, archiveMask, dropMask, dropSome, unrelated }) => {
      const q = (name: string) => (prefix === '' ? name : `${prefix}-${name}`);
      const mains = line.mains.filter((_, i) => !dropSome || !dropMask[i]).map(q);
      const archives = line.archives.filter((_, i) => archiveMask[i % archiveMask.length]).map(q);
      return {
        version: line.version,
        prefix,
        mains,
        allMains: line.mains.map(q),
        existing: [...mains, ...archives, ...unrelated],
      };
    });

  it('plans parts exactly when nothing required is missing; numbers them 1..N in layout order (property)', () => {
    fc.assert(
      fc.property(scenario, ({ version, prefix, existing }) => {
        const plan = planWebappsParts({ version, indexPrefix: prefix, existingIndices: existing });
        expect(plan.parts.length === 0).toBe(plan.missingRequired.length > 0);
        for (const missing of plan.missingRequired) expect(existing).not.toContain(missing);
        expect(plan.parts.map((part) => part.partNo)).toEqual(plan.parts.map((_, position) => position + 1));
        expect(plan.parts.every((part) => part.partCount === plan.parts.length)).toBe(true);
        const order = plan.parts.map((part) => part.layoutPart);
        expect(order).toEqual([...new Set(order)].sort((a, b) => a - b));
        expect(plan.parts.length).toBeLessThanOrEqual(7);
      }),
      { numRuns: 400 },
    );
  });

  it('every part selects at least one existing index and no index is in two parts (property)', () => {
    fc.assert(
      fc.property(scenario, ({ version, prefix, existing }) => {
        const plan = planWebappsParts({ version, indexPrefix: prefix, existingIndices: existing });
        const seen = new Set<string>();
        for (const part of plan.parts) {
          expect(part.indices.length).toBeGreaterThan(0);
          const selected = resolveIndices(part.indices, existing);
          expect(selected.size).toBeGreaterThan(0);
          for (const name of selected) {
            expect(seen.has(name)).toBe(false);
            seen.add(name);
          }
        }
        // Nothing outside this installation's own names is ever selected.
        for (const name of seen) expect(name.startsWith(prefix)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('part names round-trip through the webapps snapshot names (property)', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.bigInt({ min: 1n, max: 9223372036854775807n }),
        ({ version, prefix, allMains }, backupId) => {
          const plan = planWebappsParts({ version, indexPrefix: prefix, existingIndices: allMains });
          const names = backupSnapshotNames('webapps', backupId, version, plan.parts.length);
          names.forEach((name, position) => {
            expect(parseAnySnapshotName(name)).toEqual({
              component: 'webapps',
              backupId,
              version,
              partNo: plan.parts[position].partNo,
              partCount: plan.parts[position].partCount,
            });
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
