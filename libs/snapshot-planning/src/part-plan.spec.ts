import { resolveIndices } from './testing/resolve-indices.js';
import * as fc from 'fast-check';
import {
  NOTHING_PATTERN,
  OPERATE_INDEX_RULES,
  OPTIMIZE_IMPORT_INDEX_NAMES,
  planParts,
  TASKLIST_INDEX_RULES,
  type PartPlan,
} from './part-plan.js';
import type { ComponentName } from './component.js';

function indicesOf(plan: readonly PartPlan[]): string[][] {
  return plan.map((part) => part.indices);
}

// Camunda 8.5 Operate indices (schema versions as shipped), plus archived copies of the templates.
const OPERATE_85_MAIN = [
  'operate-batch-operation-1.0.0_',
  'operate-decision-8.3.0_',
  'operate-decision-instance-8.3.0_',
  'operate-decision-requirements-8.3.0_',
  'operate-event-8.3.0_',
  'operate-flownode-instance-8.3.1_',
  'operate-import-position-8.3.0_',
  'operate-incident-8.3.1_',
  'operate-list-view-8.3.0_',
  'operate-message-8.5.0_',
  'operate-metric-8.3.0_',
  'operate-migration-steps-repository-1.1.0_',
  'operate-operation-8.4.1_',
  'operate-post-importer-queue-8.3.0_',
  'operate-process-8.3.0_',
  'operate-sequence-flow-8.3.0_',
  'operate-user-1.2.0_',
  'operate-user-task-8.5.0_',
  'operate-variable-8.3.0_',
  'operate-web-session-1.1.0_',
];
const OPERATE_DATED = [
  'operate-list-view-8.3.0_2024-01-01',
  'operate-list-view-8.3.0_2024-01-02',
  'operate-flownode-instance-8.3.1_2024-01-01',
  'operate-variable-8.3.0_2024-01-01',
  'operate-event-8.3.0_2024-01-01',
  'operate-sequence-flow-8.3.0_2024-01-01',
  'operate-batch-operation-1.0.0_2024-01-01',
  'operate-operation-8.4.1_2024-01-01',
];

const TASKLIST_86_MAIN = [
  'tasklist-draft-task-variable-8.3.0_',
  'tasklist-flownode-instance-8.3.0_',
  'tasklist-form-8.4.0_',
  'tasklist-import-position-8.2.0_',
  'tasklist-list-view-8.6.0_',
  'tasklist-metric-8.3.0_',
  'tasklist-migration-steps-repository-1.1.0_',
  'tasklist-process-8.4.0_',
  'tasklist-process-instance-8.3.0_',
  'tasklist-task-8.5.0_',
  'tasklist-task-variable-8.3.0_',
  'tasklist-user-1.4.0_',
  'tasklist-variable-8.3.0_',
  'tasklist-web-session-1.1.0_',
];
const TASKLIST_DATED = [
  'tasklist-task-8.5.0_2024-03-01',
  'tasklist-task-8.5.0_2024-03-02',
  'tasklist-task-variable-8.3.0_2024-03-01',
  'tasklist-draft-task-variable-8.3.0_2024-03-01',
];

const OPTIMIZE_85 = [
  'optimize-alert_v4',
  'optimize-business-key_v2',
  'optimize-collection_v5',
  'optimize-combined-report_v5',
  'optimize-dashboard_v8',
  'optimize-dashboard-share_v4',
  'optimize-decision-definition_v5',
  'optimize-decision-instance-invoice_v5-000001',
  'optimize-external-process-variable_v2-000001',
  'optimize-import-index_v4',
  'optimize-instant-dashboard_v1',
  'optimize-metadata_v3',
  'optimize-position-based-import-index_v3',
  'optimize-process-definition_v6',
  'optimize-process-instance-order-process_v8',
  'optimize-process-overview_v2',
  'optimize-report-share_v3',
  'optimize-settings_v2',
  'optimize-single-decision-report_v10',
  'optimize-single-process-report_v11',
  'optimize-terminated-user-session_v3',
  'optimize-timestamp-based-import-index_v5',
  'optimize-variable-label_v1',
  'optimize-variable-update-instance_v2-000001',
  'optimize-variable-update-instance_v2-000002',
];

const OTHER_INDICES = [
  'zeebe-record_job_8.5.0_2024-01-01',
  'tasklist-task-8.5.0_',
  'operate2-list-view-8.3.0_',
  'operatex',
  'camunda-authorization-8.8.0_',
  '.kibana_1',
];

describe('planParts: Operate 8.5–8.7', () => {
  it('follows Camunda’s six-part plan', () => {
    const plan = planParts('operate', 'operate', [...OPERATE_85_MAIN, ...OPERATE_DATED, ...OTHER_INDICES]);
    expect(plan.map((part) => [part.partNo, part.partCount])).toEqual([
      [1, 6],
      [2, 6],
      [3, 6],
      [4, 6],
      [5, 6],
      [6, 6],
    ]);
    expect(indicesOf(plan)).toEqual([
      ['operate-import-position-8.3.0_'],
      ['operate-list-view-8.3.0_'],
      ['operate-list-view-8.3.0_*', '-operate-list-view-8.3.0_'],
      [
        'operate-batch-operation-1.0.0_',
        'operate-decision-instance-8.3.0_',
        'operate-event-8.3.0_',
        'operate-flownode-instance-8.3.1_',
        'operate-incident-8.3.1_',
        'operate-message-8.5.0_',
        'operate-operation-8.4.1_',
        'operate-post-importer-queue-8.3.0_',
        'operate-sequence-flow-8.3.0_',
        'operate-user-task-8.5.0_',
        'operate-variable-8.3.0_',
      ],
      [
        'operate-batch-operation-1.0.0_*',
        '-operate-batch-operation-1.0.0_',
        'operate-decision-instance-8.3.0_*',
        '-operate-decision-instance-8.3.0_',
        'operate-event-8.3.0_*',
        '-operate-event-8.3.0_',
        'operate-flownode-instance-8.3.1_*',
        '-operate-flownode-instance-8.3.1_',
        'operate-incident-8.3.1_*',
        '-operate-incident-8.3.1_',
        'operate-message-8.5.0_*',
        '-operate-message-8.5.0_',
        'operate-operation-8.4.1_*',
        '-operate-operation-8.4.1_',
        'operate-post-importer-queue-8.3.0_*',
        '-operate-post-importer-queue-8.3.0_',
        'operate-sequence-flow-8.3.0_*',
        '-operate-sequence-flow-8.3.0_',
        'operate-user-task-8.5.0_*',
        '-operate-user-task-8.5.0_',
        'operate-variable-8.3.0_*',
        '-operate-variable-8.3.0_',
      ],
      [
        'operate-decision-8.3.0_',
        'operate-decision-requirements-8.3.0_',
        'operate-metric-8.3.0_',
        'operate-migration-steps-repository-1.1.0_',
        'operate-process-8.3.0_',
        'operate-user-1.2.0_',
        'operate-web-session-1.1.0_',
      ],
    ]);
  });

  it('puts the 8.6+ job template with the other Prio3 templates', () => {
    const plan = planParts('operate', 'operate', [...OPERATE_85_MAIN, 'operate-job-8.6.0_']);
    expect(plan[3].indices).toContain('operate-job-8.6.0_');
    expect(plan[4].indices).toEqual(expect.arrayContaining(['operate-job-8.6.0_*', '-operate-job-8.6.0_']));
  });

  it('selects every dated copy through its template’s pair', () => {
    const universe = [...OPERATE_85_MAIN, ...OPERATE_DATED, ...OTHER_INDICES];
    const plan = planParts('operate', 'operate', universe);
    expect([...resolveIndices(plan[2].indices, universe)].sort()).toEqual([
      'operate-list-view-8.3.0_2024-01-01',
      'operate-list-view-8.3.0_2024-01-02',
    ]);
    expect(resolveIndices(plan[4].indices, universe)).toContain('operate-flownode-instance-8.3.1_2024-01-01');
    for (const part of plan) {
      for (const entry of part.indices) expect(OPERATE_DATED).not.toContain(entry);
    }
  });

  it('works with a custom prefix', () => {
    const renamed = [...OPERATE_85_MAIN, ...OPERATE_DATED].map((name) =>
      name.replace(/^operate-/, 'prod-operate-'),
    );
    const plan = planParts('operate', 'prod-operate', [...renamed, ...OPERATE_85_MAIN]);
    expect(plan[0].indices).toEqual(['prod-operate-import-position-8.3.0_']);
    expect(plan[2].indices).toEqual(['prod-operate-list-view-8.3.0_*', '-prod-operate-list-view-8.3.0_']);
    expect(
      plan
        .flatMap((part) => part.indices)
        .every((entry) => entry.replace(/^-/, '').startsWith('prod-operate-')),
    ).toBe(true);
  });
});

describe('planParts: Tasklist 8.5–8.7', () => {
  it('follows Camunda’s six-part plan with Tasklist’s differences', () => {
    const plan = planParts('tasklist', 'tasklist', [
      ...TASKLIST_86_MAIN,
      ...TASKLIST_DATED,
      ...OPERATE_85_MAIN,
    ]);
    expect(indicesOf(plan)).toEqual([
      ['tasklist-import-position-8.2.0_'],
      // Part 2 holds every Prio2 item: the task template and the plain process-instance index.
      ['tasklist-process-instance-8.3.0_', 'tasklist-task-8.5.0_'],
      // Dated parts only for templates: no pattern for process-instance.
      ['tasklist-task-8.5.0_*', '-tasklist-task-8.5.0_'],
      [
        'tasklist-draft-task-variable-8.3.0_',
        'tasklist-flownode-instance-8.3.0_',
        'tasklist-list-view-8.6.0_',
        'tasklist-task-variable-8.3.0_',
        'tasklist-variable-8.3.0_',
      ],
      [
        'tasklist-draft-task-variable-8.3.0_*',
        '-tasklist-draft-task-variable-8.3.0_',
        'tasklist-list-view-8.6.0_*',
        '-tasklist-list-view-8.6.0_',
        'tasklist-task-variable-8.3.0_*',
        '-tasklist-task-variable-8.3.0_',
      ],
      [
        'tasklist-form-8.4.0_',
        'tasklist-metric-8.3.0_',
        'tasklist-migration-steps-repository-1.1.0_',
        'tasklist-process-8.4.0_',
        'tasklist-user-1.4.0_',
        'tasklist-web-session-1.1.0_',
      ],
    ]);
  });

  it('plans Tasklist 8.5, which has no list-view index', () => {
    const tasklist85 = TASKLIST_86_MAIN.filter((name) => !name.includes('list-view'));
    const plan = planParts('tasklist', 'tasklist', tasklist85);
    expect(plan[3].indices).not.toContain('tasklist-list-view-8.6.0_');
    expect(plan[4].indices.some((entry) => entry.includes('list-view'))).toBe(false);
  });

  it('treats an index as a template once dated copies of it exist', () => {
    const plan = planParts('tasklist', 'tasklist', [
      ...TASKLIST_86_MAIN,
      'tasklist-variable-8.3.0_2024-03-01',
    ]);
    expect(plan[3].indices).toContain('tasklist-variable-8.3.0_');
    expect(plan[4].indices).toEqual(
      expect.arrayContaining(['tasklist-variable-8.3.0_*', '-tasklist-variable-8.3.0_']),
    );
  });
});

describe('planParts: Optimize', () => {
  it('puts the import indices into part 1 and everything else into part 2', () => {
    const plan = planParts('optimize', 'optimize', [...OPTIMIZE_85, ...OTHER_INDICES, 'optimize2-alert_v4']);
    expect(plan).toEqual([
      {
        partNo: 1,
        partCount: 2,
        indices: [
          'optimize-import-index_v4',
          'optimize-position-based-import-index_v3',
          'optimize-timestamp-based-import-index_v5',
        ],
      },
      {
        partNo: 2,
        partCount: 2,
        indices: OPTIMIZE_85.filter((name) => !/import-index_v/.test(name)).sort(),
      },
    ]);
  });

  it('recognises import indices with a rollover suffix and a custom prefix', () => {
    const plan = planParts('optimize', 'my.opt', [
      'my.opt-position-based-import-index_v3-000001',
      'my.opt-report_v1',
    ]);
    expect(indicesOf(plan)).toEqual([['my.opt-position-based-import-index_v3-000001'], ['my.opt-report_v1']]);
  });

  it('never uses patterns for Optimize', () => {
    const plan = planParts('optimize', 'optimize', OPTIMIZE_85);
    expect(
      plan.flatMap((part) => part.indices).some((entry) => entry.includes('*') || entry.startsWith('-')),
    ).toBe(false);
  });

  it('lists only import-index names, not names that merely contain them', () => {
    const plan = planParts('optimize', 'optimize', [
      'optimize-my-import-index_v1',
      'optimize-import-index_x',
    ]);
    expect(indicesOf(plan)).toEqual([
      [NOTHING_PATTERN],
      ['optimize-import-index_x', 'optimize-my-import-index_v1'],
    ]);
  });

  it('exports the import index names', () => {
    expect(OPTIMIZE_IMPORT_INDEX_NAMES).toEqual([
      'position-based-import-index',
      'timestamp-based-import-index',
      'import-index',
    ]);
  });
});

describe('planParts: empty and unknown input', () => {
  it.each<[ComponentName, number]>([
    ['operate', 6],
    ['tasklist', 6],
    ['optimize', 2],
  ])('gives %s %i parts of "-*" when nothing exists', (component, partCount) => {
    const plan = planParts(component, component, []);
    expect(plan).toHaveLength(partCount);
    for (const part of plan) expect(part.indices).toEqual([NOTHING_PATTERN]);
  });

  it('never leaves a dated part empty when no template exists (camunda PR #34026)', () => {
    const plan = planParts('operate', 'operate', [
      'operate-import-position-8.3.0_',
      'operate-process-8.3.0_',
    ]);
    expect(indicesOf(plan)).toEqual([
      ['operate-import-position-8.3.0_'],
      ['-*'],
      ['-*'],
      ['-*'],
      ['-*'],
      ['operate-process-8.3.0_'],
    ]);
  });

  it('keeps the dated pair of a known template whose runtime index is gone', () => {
    const plan = planParts('operate', 'operate', ['operate-list-view-8.3.0_2023-12-31']);
    expect(plan[1].indices).toEqual(['-*']);
    expect(plan[2].indices).toEqual(['operate-list-view-8.3.0_*', '-operate-list-view-8.3.0_']);
  });

  it('sends unknown names under the prefix to the last part', () => {
    const universe = [
      'operate-brand-new-9.0.0_',
      'operate-brand-new-9.0.0_2024-01-01',
      'operate-no-version',
      'operate-',
      'operate-x-1.0.0',
    ];
    const plan = planParts('operate', 'operate', universe);
    expect(plan[5].indices).toEqual([
      'operate-brand-new-9.0.0_*',
      '-operate-brand-new-9.0.0_',
      'operate-',
      'operate-brand-new-9.0.0_',
      'operate-no-version',
      'operate-x-1.0.0',
    ]);
    expect([...resolveIndices(plan[5].indices, universe)].sort()).toEqual([...universe].sort());
  });

  it('ignores duplicates in the listing', () => {
    const plan = planParts('operate', 'operate', ['operate-process-8.3.0_', 'operate-process-8.3.0_']);
    expect(plan[5].indices).toEqual(['operate-process-8.3.0_']);
  });

  it('keeps two schema versions of one index apart', () => {
    const plan = planParts('operate', 'operate', ['operate-list-view-8.1.0_', 'operate-list-view-8.3.0_']);
    expect(plan[1].indices).toEqual(['operate-list-view-8.1.0_', 'operate-list-view-8.3.0_']);
    expect(plan[2].indices).toEqual([
      'operate-list-view-8.1.0_*',
      '-operate-list-view-8.1.0_',
      'operate-list-view-8.3.0_*',
      '-operate-list-view-8.3.0_',
    ]);
  });

  it('lists a reference-data template’s pair before its exact names, so the exclusion cannot drop them', () => {
    const universe = ['operate-process-8.3.0_', 'operate-process-8.3.0_2024-01-01', 'operate-user-1.2.0_'];
    const plan = planParts('operate', 'operate', universe);
    expect(plan[5].indices).toEqual([
      'operate-process-8.3.0_*',
      '-operate-process-8.3.0_',
      'operate-process-8.3.0_',
      'operate-user-1.2.0_',
    ]);
    expect([...resolveIndices(plan[5].indices, universe)].sort()).toEqual(universe);
  });

  it('does not read inherited object keys as index rules', () => {
    const plan = planParts('operate', 'operate', ['operate-constructor-1.0.0_', 'operate-toString-1.0.0_']);
    expect(plan[5].indices).toEqual(['operate-constructor-1.0.0_', 'operate-toString-1.0.0_']);
  });
});

describe('planParts: prefix collisions', () => {
  it('does not capture other prefixes that start with the same letters', () => {
    const universe = [
      'operate2-list-view-8.3.0_',
      'operate2-import-position-8.3.0_',
      'operatex',
      'operate_list-view-8.3.0_',
      'operate.list-view-8.3.0_',
      'xoperate-list-view-8.3.0_',
      'tasklist-list-view-8.6.0_',
    ];
    for (const part of planParts('operate', 'operate', universe))
      expect(part.indices).toEqual([NOTHING_PATTERN]);
  });

  it('selects only the prefix’s own indices even through patterns', () => {
    const universe = [
      'operate-list-view-8.3.0_',
      'operate-list-view-8.3.0_2024-01-01',
      'operate2-list-view-8.3.0_',
      'operate2-list-view-8.3.0_2024-01-01',
    ];
    const selected = planParts('operate', 'operate', universe).flatMap((part) => [
      ...resolveIndices(part.indices, universe),
    ]);
    expect(selected.sort()).toEqual(['operate-list-view-8.3.0_', 'operate-list-view-8.3.0_2024-01-01']);
  });

  it('does not let Optimize capture optimize2 or optimizex', () => {
    const plan = planParts('optimize', 'optimize', [
      'optimize2-import-index_v4',
      'optimizex',
      'optimize_alert_v1',
    ]);
    expect(indicesOf(plan)).toEqual([[NOTHING_PATTERN], [NOTHING_PATTERN]]);
  });

  it.each([
    '',
    '*',
    'operate*',
    'oper,ate',
    '-operate',
    '_operate',
    'Operate',
    'op erate',
    'a/b',
    'x'.repeat(101),
  ])('refuses the prefix %j', (prefix) => {
    expect(() => planParts('operate', prefix, [])).toThrow(/^indexPrefix must be/);
  });

  it('refuses an unknown component', () => {
    expect(() => planParts('zeebe' as ComponentName, 'zeebe', [])).toThrow(/^component must be/);
  });
});

describe('planParts: invariants (property)', () => {
  const datedSuffix = fc.constantFrom('2024-01-01', '2024-12-31', 'archived', '1', 'x_y', '-b-2.0.0_');

  function indexUniverse(prefix: string, indexNames: readonly string[]) {
    const family = fc.record({
      name: fc.oneof(fc.constantFrom(...indexNames), fc.stringMatching(/^[a-z]{1,6}(-[a-z]{1,6})?$/)),
      schemaVersion: fc.constantFrom('1.0.0', '8.3.0', '8.3.1', '8.5.0', '10.0.0'),
      mainExists: fc.boolean(),
      datedSuffixes: fc.array(datedSuffix, { maxLength: 3 }),
    });
    const stray = fc.oneof(
      fc.constantFrom(
        `${prefix}-`,
        `${prefix}-x`,
        `${prefix}-x-1.0.0`,
        `${prefix}2-list-view-8.3.0_`,
        `${prefix}x`,
      ),
      fc.stringMatching(/^[a-z0-9._-]{1,20}$/),
      fc.stringMatching(/^[a-z0-9._-]{1,20}$/).map((rest) => `${prefix}-${rest}`),
    );
    return fc
      .tuple(fc.array(family, { maxLength: 12 }), fc.array(stray, { maxLength: 5 }))
      .map(([families, strays]) => [
        ...families.flatMap(({ name, schemaVersion, mainExists, datedSuffixes }) => {
          const mainIndex = `${prefix}-${name}-${schemaVersion}_`;
          return [
            ...(mainExists ? [mainIndex] : []),
            ...datedSuffixes.map((suffix) => `${mainIndex}${suffix}`),
          ];
        }),
        ...strays,
      ]);
  }

  const cases: Array<[ComponentName, string, readonly string[]]> = [
    ['operate', 'operate', Object.keys(OPERATE_INDEX_RULES)],
    ['tasklist', 'tasklist', Object.keys(TASKLIST_INDEX_RULES)],
    ['operate', 'my-operate', Object.keys(OPERATE_INDEX_RULES)],
    ['optimize', 'optimize', [...OPTIMIZE_IMPORT_INDEX_NAMES, 'alert', 'report']],
  ];

  it.each(cases)(
    '%s with prefix %s: each index in exactly one part, no empty list, no stray patterns',
    (component, prefix, names) => {
      const templates = new Set(
        Object.entries(component === 'tasklist' ? TASKLIST_INDEX_RULES : OPERATE_INDEX_RULES)
          .filter(([, rule]) => rule.template)
          .map(([name]) => name),
      );
      fc.assert(
        fc.property(indexUniverse(prefix, names), (universe) => {
          const plan = planParts(component, prefix, universe);
          expect(plan.map((part) => part.partNo)).toEqual(
            component === 'optimize' ? [1, 2] : [1, 2, 3, 4, 5, 6],
          );

          const owners = new Map<string, number[]>();
          for (const part of plan) {
            expect(part.indices.length).toBeGreaterThan(0);
            for (const name of resolveIndices(part.indices, universe)) {
              owners.set(name, [...(owners.get(name) ?? []), part.partNo]);
            }
          }
          for (const name of new Set(universe)) {
            const expectedOwners = name.startsWith(`${prefix}-`) ? 1 : 0;
            expect({ name, parts: owners.get(name)?.length ?? 0 }).toEqual({ name, parts: expectedOwners });
          }

          const exactEntries = plan.flatMap((part) =>
            part.indices.filter(
              (entry) => entry !== NOTHING_PATTERN && !entry.includes('*') && !entry.startsWith('-'),
            ),
          );
          expect(new Set(exactEntries).size).toBe(exactEntries.length);

          for (const entry of plan.flatMap((part) => part.indices)) {
            if (entry === NOTHING_PATTERN || (!entry.includes('*') && !entry.startsWith('-'))) continue;
            expect(component).not.toBe('optimize');
            // A pattern or exclusion is only ever a template's `main*` / `-main`.
            const mainIndex = entry.startsWith('-') ? entry.slice(1) : entry.slice(0, -1);
            expect(entry === `${mainIndex}*` || entry === `-${mainIndex}`).toBe(true);
            const name = /^(.+?)-[0-9]+\.[0-9]+\.[0-9]+_$/.exec(mainIndex.slice(prefix.length + 1))?.[1];
            expect(name).toBeDefined();
            const hasDatedCopies = universe.some(
              (index) => index.startsWith(mainIndex) && index !== mainIndex,
            );
            expect(templates.has(name!) || hasDatedCopies).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});
