export * from './component.js';
export * from './backup-id.js';
export * from './snapshot-name.js';
export * from './part-plan.js';
export * from './backup-state.js';
export * from './start-time.js';
export * from './backup-grouping.js';
