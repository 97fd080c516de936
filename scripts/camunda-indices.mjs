// Camunda-like indices for the demo and the tests: names as Camunda 8.5–8.7 and Optimize create them
// (`CAMUNDA_INDICES`, the default seeding) and, with `camundaVersion`, as a Camunda 8.8, 8.9 or 8.10
// orchestration cluster creates them (camunda-88-plus-backup-facts §3.5).
// Talks plain HTTP to an Elasticsearch-compatible URL: the sandbox or a real cluster.

export const CAMUNDA_INDICES = {
  operate: [
    'operate-import-position-8.3.0_',
    'operate-list-view-8.3.0_',
    'operate-list-view-8.3.0_2024-01-01',
    'operate-batch-operation-1.0.0_',
    'operate-decision-instance-8.3.0_',
    'operate-event-8.3.0_',
    'operate-flownode-instance-8.3.1_',
    'operate-flownode-instance-8.3.1_2024-01-01',
    'operate-incident-8.3.1_',
    'operate-message-8.5.0_',
    'operate-operation-8.4.1_',
    'operate-post-importer-queue-8.3.0_',
    'operate-sequence-flow-8.3.0_',
    'operate-user-task-8.5.0_',
    'operate-variable-8.3.0_',
    'operate-variable-8.3.0_2024-01-01',
    'operate-decision-8.3.0_',
    'operate-decision-requirements-8.3.0_',
    'operate-metric-8.3.0_',
    'operate-migration-steps-repository-1.1.0_',
    'operate-process-8.3.0_',
    'operate-user-1.2.0_',
    'operate-web-session-1.1.0_',
  ],
  tasklist: [
    'tasklist-import-position-8.2.0_',
    'tasklist-task-8.5.0_',
    'tasklist-task-8.5.0_2024-01-01',
    'tasklist-process-instance-8.3.0_',
    'tasklist-draft-task-variable-8.3.0_',
    'tasklist-task-variable-8.3.0_',
    'tasklist-list-view-8.6.0_',
    'tasklist-flownode-instance-8.3.0_',
    'tasklist-variable-8.3.0_',
    'tasklist-form-8.4.0_',
    'tasklist-metric-8.3.0_',
    'tasklist-migration-steps-repository-1.1.0_',
    'tasklist-process-8.4.0_',
    'tasklist-web-session-1.1.0_',
    'tasklist-user-1.4.0_',
  ],
  optimize: [
    'optimize-position-based-import-index_v3',
    'optimize-timestamp-based-import-index_v5',
    'optimize-import-index_v3',
    'optimize-metadata_v3',
    'optimize-process-definition_v6',
    'optimize-decision-definition_v5',
    'optimize-single-process-report_v11',
    'optimize-dashboard_v8',
    'optimize-variable-update-instance_v2-000001',
  ],
};

async function call(url, method, path, body, contentType = 'application/json') {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Creates every Camunda-like index (skipping existing ones) with `docsPerIndex` documents each,
 * and registers the fs snapshot repository `repository` at `location` when given. With
 * `camundaVersion` (8.8+) it seeds that installation instead (see `seedOrchestrationCluster`).
 */
export async function seedCamundaIndices(url, options = {}) {
  if (options.camundaVersion !== undefined) return seedOrchestrationCluster(url, options);
  const { docsPerIndex = 5, repository, location } = options;
  const existing = new Set(
    (await call(url, 'GET', '/_cat/indices?format=json&expand_wildcards=all')).map((row) => row.index),
  );
  const names = Object.values(CAMUNDA_INDICES).flat();
  for (const name of names) {
    if (existing.has(name)) continue;
    await createIndexWithDocs(url, name, docsPerIndex);
  }
  if (repository) await registerRepository(url, repository, location);
  return names;
}

async function createIndexWithDocs(url, name, docsPerIndex) {
  await call(
    url,
    'PUT',
    `/${name}`,
    JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 } }),
  );
  const lines = [];
  for (let i = 1; i <= docsPerIndex; i++) {
    lines.push(JSON.stringify({ index: { _index: name, _id: String(i) } }));
    lines.push(JSON.stringify({ id: i, name: `${name} document ${i}`, seededAt: new Date().toISOString() }));
  }
  if (lines.length > 0)
    await call(url, 'POST', '/_bulk?refresh=true', `${lines.join('\n')}\n`, 'application/x-ndjson');
}

async function registerRepository(url, repository, location) {
  await call(url, 'PUT', `/_snapshot/${repository}`, JSON.stringify({ type: 'fs', settings: { location } }));
}

// ---------------------------------------------------------------- Camunda 8.8 / 8.9 / 8.10

/** Main (runtime) indices of an 8.8 orchestration cluster (facts 8.8+ §3.5, from a real 8.8 snapshot). */
const MAIN_INDICES_88 = [
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

/** 8.9: 8.8 without the import positions, plus metadata, history deletion and the 8.9 additions. */
const MAIN_INDICES_89 = [
  ...MAIN_INDICES_88.filter(
    (name) => name !== 'operate-import-position-8.3.0_' && name !== 'tasklist-import-position-8.2.0_',
  ),
  'operate-metadata-8.8.0_',
  'camunda-history-deletion-8.9.0_',
  'camunda-audit-log-8.9.0_',
  'camunda-audit-log-cleanup-8.9.0_',
  'camunda-cluster-variable-8.9.0_',
  'camunda-global-listener-8.9.0_',
  'camunda-job-metrics-batch-8.9.0_',
];

/** 8.10: 8.9 plus the agent, wait-state and deployed-resource indices; the metric indices are gone (facts §3.4). */
const MAIN_INDICES_810 = [
  ...MAIN_INDICES_89.filter((name) => name !== 'operate-metric-8.3.0_' && name !== 'tasklist-metric-8.3.0_'),
  'camunda-wait-state-8.10.0_',
  'camunda-agent-instance-8.10.0_',
  'camunda-agent-history-8.10.0_',
  'camunda-agent-definition-8.10.0_',
  'camunda-deployed-resource-8.10.0_',
];

/** Mains that are index templates (with `_template`, `_alias` and dated companions). */
const TEMPLATE_BACKED_88 = [
  'operate-list-view-8.3.0_',
  'tasklist-task-8.8.0_',
  'operate-batch-operation-1.0.0_',
  'operate-operation-8.4.1_',
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
  'camunda-usage-metric-8.8.0_',
  'camunda-usage-metric-tu-8.8.0_',
];
const TEMPLATE_BACKED_89 = [
  ...TEMPLATE_BACKED_88,
  'camunda-audit-log-8.9.0_',
  'camunda-job-metrics-batch-8.9.0_',
];
const TEMPLATE_BACKED_810 = [
  ...TEMPLATE_BACKED_89,
  'camunda-agent-instance-8.10.0_',
  'camunda-agent-history-8.10.0_',
  'camunda-wait-state-8.10.0_',
];

/** Value types the Zeebe ES/OS exporter writes `zeebe-record_<type>_<version>_<date>` indices for. */
const ZEEBE_RECORD_TYPES = ['process-instance', 'job', 'variable', 'deployment', 'incident'];

const LINES = {
  8.8: { mains: MAIN_INDICES_88, templateBacked: TEMPLATE_BACKED_88 },
  8.9: { mains: MAIN_INDICES_89, templateBacked: TEMPLATE_BACKED_89 },
  '8.10': { mains: MAIN_INDICES_810, templateBacked: TEMPLATE_BACKED_810 },
};

/** `8.8.0`, `8.8.15`, `8.9.0`, `8.10.0`-style versions → their line (`8.8`, `8.9`, `8.10`). */
export function camundaLine(camundaVersion) {
  const match = /^(8\.(?:8|9|10))\.\d+(?:-[0-9A-Za-z.-]+)?$/.exec(String(camundaVersion));
  if (!match) {
    throw new Error(
      `camundaVersion must be an 8.8, 8.9 or 8.10 release such as 8.8.0, 8.8.15, 8.9.0 or 8.10.0; got "${camundaVersion}"`,
    );
  }
  return match[1];
}

/**
 * The names an installation of `camundaVersion` has, computed without a datastore: main indices
 * (with `prefix-` when given), index templates `<main>template` with pattern `<main>*` and alias
 * `<main>alias`, dated companions `<main><date>` when `archived`, `zeebe-record_*` and Optimize.
 */
export function camundaIndexSet({ camundaVersion, archived = false, prefix, archiveDates = ['2026-06-12'] }) {
  const line = camundaLine(camundaVersion);
  if (prefix !== undefined && !/^[a-z0-9][a-z0-9_.-]*$/.test(prefix)) {
    throw new Error(
      `prefix must be lower-case letters, digits, '_', '.', '-' and not start with one of them; got "${prefix}"`,
    );
  }
  for (const date of archiveDates) {
    if (!/^\d{4}-\d\d-\d\d$/.test(date))
      throw new Error(`archiveDates must be yyyy-MM-dd dates; got "${date}"`);
  }
  const withPrefix = (name) => (prefix ? `${prefix}-${name}` : name);
  const { mains, templateBacked } = LINES[line];
  const templates = templateBacked.map((main) => ({
    name: `${withPrefix(main)}template`,
    pattern: `${withPrefix(main)}*`,
    alias: `${withPrefix(main)}alias`,
    main: withPrefix(main),
  }));
  const datedIndices = archived
    ? templates.flatMap((template) => archiveDates.map((date) => `${template.main}${date}`))
    : [];
  const recordVersion = `${line}.0`;
  const recordDate = archiveDates[archiveDates.length - 1] ?? '2026-06-12';
  return {
    camundaVersion,
    line,
    mainIndices: mains.map(withPrefix),
    templates,
    aliases: templates.map((template) => template.alias),
    datedIndices,
    zeebeRecordIndices: ZEEBE_RECORD_TYPES.map(
      (type) => `zeebe-record_${type}_${recordVersion}_${recordDate}`,
    ),
    optimizeIndices: [...CAMUNDA_INDICES.optimize],
  };
}

/**
 * Seeds an 8.8+ installation: index templates first (so creating a main or dated index attaches
 * the read alias as Camunda's own templates do), then every index with `docsPerIndex` documents.
 * Existing indices are kept. Returns the set plus `indices`, every index name of it.
 */
async function seedOrchestrationCluster(url, options) {
  const { docsPerIndex = 3, repository, location } = options;
  const set = camundaIndexSet(options);
  for (const template of set.templates) {
    await call(
      url,
      'PUT',
      `/_index_template/${template.name}`,
      JSON.stringify({
        index_patterns: [template.pattern],
        composed_of: [],
        template: {
          settings: { number_of_shards: 1, number_of_replicas: 0 },
          aliases: { [template.alias]: {} },
        },
      }),
    );
  }
  const indices = [
    ...set.mainIndices,
    ...set.datedIndices,
    ...set.zeebeRecordIndices,
    ...set.optimizeIndices,
  ];
  const existing = new Set(
    (await call(url, 'GET', '/_cat/indices?format=json&expand_wildcards=all')).map((row) => row.index),
  );
  for (const name of indices) {
    if (!existing.has(name)) await createIndexWithDocs(url, name, docsPerIndex);
  }
  if (repository) await registerRepository(url, repository, location);
  return { ...set, indices };
}
