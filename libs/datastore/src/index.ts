export * from './snapshot-datastore.js';
export * from './datastore-error.js';
export * from './datastore-config.js';
export * from './create-datastore.js';
export { ElasticsearchDatastore } from './elasticsearch/elasticsearch-datastore.js';
export { OpenSearchDatastore } from './opensearch/opensearch-datastore.js';
export { parseJson, stringifyJson } from './lossless-json.js';
