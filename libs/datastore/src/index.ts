export * from './snapshot-datastore.js';
export * from './datastore-error.js';
