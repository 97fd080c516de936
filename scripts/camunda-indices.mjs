// Camunda-like indices (names as Camunda 8.5–8.7 and Optimize create them) for the demo and the tests.
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
 * and registers the fs snapshot repository `repository` at `location` when given.
 */
export async function seedCamundaIndices(url, { docsPerIndex = 5, repository, location } = {}) {
  const existing = new Set(
    (await call(url, 'GET', '/_cat/indices?format=json&expand_wildcards=all')).map((row) => row.index),
  );
  const names = Object.values(CAMUNDA_INDICES).flat();
  for (const name of names) {
    if (existing.has(name)) continue;
    await call(
      url,
      'PUT',
      `/${name}`,
      JSON.stringify({ settings: { number_of_shards: 1, number_of_replicas: 0 } }),
    );
    const lines = [];
    for (let i = 1; i <= docsPerIndex; i++) {
      lines.push(JSON.stringify({ index: { _index: name, _id: String(i) } }));
      lines.push(
        JSON.stringify({ id: i, name: `${name} document ${i}`, seededAt: new Date().toISOString() }),
      );
    }
    if (lines.length > 0)
      await call(url, 'POST', '/_bulk?refresh=true', `${lines.join('\n')}\n`, 'application/x-ndjson');
  }
  if (repository) {
    await call(
      url,
      'PUT',
      `/_snapshot/${repository}`,
      JSON.stringify({ type: 'fs', settings: { location } }),
    );
  }
  return names;
}
