import {
  CAMUNDA_INDICES,
  camundaIndexSet,
  type SeededCamunda,
  seedCamundaIndices,
} from '../../scripts/camunda-indices.mjs';
import type { SandboxHandle } from '../support/sandbox.js';
import { raw, startSandbox } from './helpers.js';

async function indexNames(sandbox: SandboxHandle): Promise<string[]> {
  const rows = (await raw(sandbox, 'GET', '/_cat/indices?format=json&expand_wildcards=all')).body;
  return rows.map((row: { index: string }) => row.index).sort();
}

/** What Camunda's restore procedure runs: `curl $ES/_index_template | jq -r '.index_templates[].name'`. */
async function templateNames(sandbox: SandboxHandle): Promise<string[]> {
  const answer = await raw(sandbox, 'GET', '/_index_template');
  return answer.body.index_templates.map((t: { name: string }) => t.name).sort();
}

async function expectSeeded(
  sandbox: SandboxHandle,
  seeded: SeededCamunda,
  docsPerIndex: number,
): Promise<void> {
  expect(await indexNames(sandbox)).toEqual([...seeded.indices].sort());
  expect(await templateNames(sandbox)).toEqual(seeded.templates.map((t) => t.name).sort());
  for (const template of seeded.templates) {
    const carriers = Object.keys((await raw(sandbox, 'GET', `/_alias/${template.alias}`)).body).sort();
    const dated = seeded.datedIndices.filter((name) => name.startsWith(template.main));
    expect(carriers).toEqual([template.main, ...dated].sort());
  }
  for (const index of [seeded.mainIndices[0], seeded.datedIndices[0], seeded.zeebeRecordIndices[0]]) {
    if (index === undefined) continue;
    expect((await raw(sandbox, 'GET', `/${index}/_count`)).body.count).toBe(docsPerIndex);
  }
}

describe('seeding Camunda 8.8+ installations', () => {
  let sandbox: SandboxHandle;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    await raw(sandbox, 'POST', '/_sandbox/reset');
  });

  it.each(['8.8.0', '8.8.15', '8.9.0', '8.10.0'])(
    'an archived %s has its mains, templates, aliases and dated companions',
    async (camundaVersion) => {
      const seeded = await seedCamundaIndices(sandbox.url, {
        camundaVersion,
        archived: true,
        docsPerIndex: 2,
      });
      await expectSeeded(sandbox, seeded, 2);
      expect(seeded.datedIndices).toHaveLength(seeded.templates.length);
      expect(seeded.indices).toContain(`operate-list-view-8.3.0_2026-06-12`);
      expect(seeded.templates).toContainEqual({
        name: 'operate-list-view-8.3.0_template',
        pattern: 'operate-list-view-8.3.0_*',
        alias: 'operate-list-view-8.3.0_alias',
        main: 'operate-list-view-8.3.0_',
      });
      expect(seeded.zeebeRecordIndices).toContain(
        `zeebe-record_process-instance_${seeded.line}.0_2026-06-12`,
      );
      expect(seeded.optimizeIndices).toEqual(CAMUNDA_INDICES.optimize);
    },
  );

  it('a fresh installation has no dated indices', async () => {
    const seeded = await seedCamundaIndices(sandbox.url, {
      camundaVersion: '8.9.0',
      archived: false,
      docsPerIndex: 1,
    });
    await expectSeeded(sandbox, seeded, 1);
    expect(seeded.datedIndices).toEqual([]);
    const webapps = (await indexNames(sandbox)).filter((name) => /^(operate|tasklist|camunda)-/.test(name));
    expect(webapps.filter((name) => /_\d{4}-\d\d-\d\d$/.test(name))).toEqual([]);
    expect(webapps).toEqual([...seeded.mainIndices].sort());
  });

  it('differs per version as facts §3.5 lists', () => {
    const v88 = camundaIndexSet({ camundaVersion: '8.8.3' });
    const v89 = camundaIndexSet({ camundaVersion: '8.9.0' });
    const v810 = camundaIndexSet({ camundaVersion: '8.10.0' });
    expect([v88.mainIndices.length, v89.mainIndices.length, v810.mainIndices.length]).toEqual([33, 38, 41]);
    expect(v88.mainIndices).toContain('operate-import-position-8.3.0_');
    expect(v89.mainIndices).not.toContain('operate-import-position-8.3.0_');
    expect(v89.mainIndices).toEqual(
      expect.arrayContaining(['operate-metadata-8.8.0_', 'camunda-audit-log-8.9.0_']),
    );
    expect(v89.templates.map((t) => t.main)).toContain('camunda-job-metrics-batch-8.9.0_');
    expect(v810.mainIndices).toEqual(
      expect.arrayContaining(['camunda-agent-definition-8.10.0_', 'camunda-wait-state-8.10.0_']),
    );
    expect(v810.mainIndices).not.toContain('operate-metric-8.3.0_');
    expect(v810.templates.map((t) => t.main)).toContain('camunda-agent-history-8.10.0_');
    expect(() => camundaIndexSet({ camundaVersion: '8.7.0' })).toThrow(
      /camundaVersion must be an 8.8, 8.9 or 8.10/,
    );
  });

  it('puts a prefix before the web-apps indices, templates and aliases only', async () => {
    const seeded = await seedCamundaIndices(sandbox.url, {
      camundaVersion: '8.8.0',
      archived: true,
      prefix: 'blue',
      docsPerIndex: 1,
    });
    await expectSeeded(sandbox, seeded, 1);
    expect(seeded.mainIndices.every((name) => name.startsWith('blue-'))).toBe(true);
    expect(seeded.indices).toContain('blue-operate-list-view-8.3.0_2026-06-12');
    expect(seeded.aliases).toContain('blue-tasklist-task-8.8.0_alias');
    expect(seeded.zeebeRecordIndices.every((name) => name.startsWith('zeebe-record_'))).toBe(true);
  });

  it('keeps the ≤ 8.7 default seeding', async () => {
    const names = await seedCamundaIndices(sandbox.url, { docsPerIndex: 1 });
    expect(names).toEqual(Object.values(CAMUNDA_INDICES).flat());
    expect(await templateNames(sandbox)).toEqual([]);
  });
});

describe('seeding on opensearch', () => {
  let sandbox: SandboxHandle;

  beforeAll(async () => {
    sandbox = await startSandbox({ flavor: 'opensearch' });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('seeds an archived 8.10 installation the same way', async () => {
    const seeded = await seedCamundaIndices(sandbox.url, {
      camundaVersion: '8.10.0',
      archived: true,
      docsPerIndex: 1,
    });
    await expectSeeded(sandbox, seeded, 1);
  });
});
