import { compareVersionCore, parseVersionCore, type VersionCore } from './camunda-version.js';

/**
 * Which Camunda 8.8+ web-apps ("backupHistory") part layout a version uses (facts 8.8+ §3):
 * A = 8.8.0–8.8.14, B = 8.8.15+ and the 8.9 line (PR #47358 and its backports), C = 8.10 and later.
 */
export type WebappsLayoutId = 'A' | 'B' | 'C';

/**
 * One candidate part. Names are without the index prefix (`operate-list-view-8.3.0_`).
 * - `main`: exact index names, every one required: Camunda's BackupPriority.required() defaults to
 *   true and no web-apps index descriptor in the sources seen overrides it (its javadoc names
 *   Optimize indices as the case for skippable ones), so a missing main index refuses the backup.
 * - `dated`: for each template-backed main index `m`, the archived copies `m<date>` selected with the
 *   pair `m*`, `-m`; all skippable.
 */
export type WebappsCandidatePart =
  { kind: 'main'; indices: readonly string[] } | { kind: 'dated'; templates: readonly string[] };

export interface WebappsLayout {
  id: WebappsLayoutId;
  /** Human-readable line the layout was chosen for, e.g. `B (8.9)`, for logs and error messages. */
  label: string;
  /** The candidate parts in priority order (part 1 first); always 7 in the layouts known today. */
  parts: readonly WebappsCandidatePart[];
}

/**
 * Main indices that are backed by an index template and so get dated archive copies (facts §3.5).
 * Everything else is a plain index without dated copies.
 */
export const TEMPLATE_BACKED_INDICES: ReadonlySet<string> = new Set([
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
  'camunda-audit-log-8.9.0_',
  'camunda-job-metrics-batch-8.9.0_',
  'camunda-agent-instance-8.10.0_',
  'camunda-agent-history-8.10.0_',
  'camunda-wait-state-8.10.0_',
]);

const IMPORT_POSITIONS = ['operate-import-position-8.3.0_', 'tasklist-import-position-8.2.0_'];
// 8.9 dropped the import-position indices; part 1 holds the schema metadata and history deletion.
const METADATA_89 = ['operate-metadata-8.8.0_', 'camunda-history-deletion-8.9.0_'];
const LIST_VIEW_AND_TASK = ['operate-list-view-8.3.0_', 'tasklist-task-8.8.0_'];
const OPERATIONS = ['operate-batch-operation-1.0.0_', 'operate-operation-8.4.1_'];
const PROCESS_INSTANCE_DATA = [
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
const DECISION = 'operate-decision-8.3.0_';
const DEFINITIONS = [
  'operate-decision-requirements-8.3.0_',
  'operate-process-8.3.0_',
  'tasklist-form-8.4.0_',
];
const METRICS_88 = ['operate-metric-8.3.0_', 'tasklist-metric-8.3.0_'];
const IDENTITY = [
  'camunda-authorization-8.8.0_',
  'camunda-group-8.8.0_',
  'camunda-mapping-rule-8.8.0_',
  'camunda-role-8.8.0_',
  'camunda-tenant-8.8.0_',
  'camunda-user-8.8.0_',
];
const WEB_SESSION = 'camunda-web-session-8.8.0_';
const USAGE_METRICS = ['camunda-usage-metric-8.8.0_', 'camunda-usage-metric-tu-8.8.0_'];
const ADDITIONS_89 = [
  'camunda-audit-log-8.9.0_',
  'camunda-audit-log-cleanup-8.9.0_',
  'camunda-cluster-variable-8.9.0_',
  'camunda-job-metrics-batch-8.9.0_',
  'camunda-global-listener-8.9.0_',
];
const AGENT_INSTANCE_810 = 'camunda-agent-instance-8.10.0_';
const ADDITIONS_810 = [
  'camunda-agent-history-8.10.0_',
  'camunda-deployed-resource-8.10.0_',
  'camunda-wait-state-8.10.0_',
];

const REFERENCE_DATA_88 = [
  DECISION,
  ...DEFINITIONS,
  ...METRICS_88,
  ...IDENTITY,
  WEB_SESSION,
  ...USAGE_METRICS,
];

function main(indices: readonly string[]): WebappsCandidatePart {
  return { kind: 'main', indices: Object.freeze([...indices]) };
}

/** The dated part that follows a main part: its template-backed members only. */
function datedOf(indices: readonly string[]): WebappsCandidatePart {
  return {
    kind: 'dated',
    templates: Object.freeze(indices.filter((name) => TEMPLATE_BACKED_INDICES.has(name))),
  };
}

// Layout A (8.8.0–8.8.14): 5 priorities, 7 parts. Operations (part 4) and the reference data with
// the usage metrics (part 7) have no dated part: their archives are not backed up (bug #47122; the
// 8.8 restore guide warns that these backups lack dated usage-metric indices).
const PART_4_A = OPERATIONS;
const PART_5_A = [DECISION, ...PROCESS_INSTANCE_DATA];
const PART_7_A = [...DEFINITIONS, ...METRICS_88, ...IDENTITY, WEB_SESSION, ...USAGE_METRICS];
const LAYOUT_A: WebappsLayout = Object.freeze({
  id: 'A',
  label: 'A (8.8.0–8.8.14)',
  parts: Object.freeze([
    main(IMPORT_POSITIONS),
    main(LIST_VIEW_AND_TASK),
    datedOf(LIST_VIEW_AND_TASK),
    main(PART_4_A),
    main(PART_5_A),
    datedOf(PART_5_A),
    main(PART_7_A),
  ]),
});

// Layout B (PR #47358): 4 priorities, each main part followed by its dated part except priority 1.
function layoutB(
  label: string,
  part1: readonly string[],
  part4: readonly string[],
  part6: readonly string[],
): WebappsLayout {
  return Object.freeze({
    id: 'B',
    label,
    parts: Object.freeze([
      main(part1),
      main(LIST_VIEW_AND_TASK),
      datedOf(LIST_VIEW_AND_TASK),
      main(part4),
      datedOf(part4),
      main(part6),
      datedOf(part6),
    ]),
  });
}

const PART_4_B = [...OPERATIONS, ...PROCESS_INSTANCE_DATA];
const LAYOUT_B_88 = layoutB('B (8.8.15+)', IMPORT_POSITIONS, PART_4_B, REFERENCE_DATA_88);
const LAYOUT_B_89 = layoutB('B (8.9)', METADATA_89, PART_4_B, [...REFERENCE_DATA_88, ...ADDITIONS_89]);

// Layout C (8.10, still moving upstream): the 8.9 shape plus the agent and wait-state indices, without
// the metric indices, and without the web session, which PR #63322 turned into a template outside the
// backup. Process/decision/form stay in part 6 as in the 8.10 BackupServiceRegistryConfiguration; a
// test-only variant (PR #57699) moving them into part 1 was not taken.
const PART_4_C = [AGENT_INSTANCE_810, ...OPERATIONS, ...PROCESS_INSTANCE_DATA];
const PART_6_C = [DECISION, ...DEFINITIONS, ...IDENTITY, ...USAGE_METRICS, ...ADDITIONS_89, ...ADDITIONS_810];
const LAYOUT_C: WebappsLayout = Object.freeze({
  id: 'C',
  label: 'C (8.10+)',
  parts: Object.freeze([
    main(METADATA_89),
    main(LIST_VIEW_AND_TASK),
    datedOf(LIST_VIEW_AND_TASK),
    main(PART_4_C),
    datedOf(PART_4_C),
    main(PART_6_C),
    datedOf(PART_6_C),
  ]),
});

const V8_8_0: VersionCore = { major: 8, minor: 8, patch: 0 };
const V8_8_15: VersionCore = { major: 8, minor: 8, patch: 15 };
const V8_9_0: VersionCore = { major: 8, minor: 9, patch: 0 };
const V8_10_0: VersionCore = { major: 8, minor: 10, patch: 0 };

/**
 * The web-apps layout for the configured Camunda version (the version written into the snapshot
 * names, e.g. `8.8.3` or `8.8.0-snapshot`). A pre-release maps by its major.minor.patch. Versions
 * after 8.10 get layout C (the latest known). Throws a RangeError for an invalid version and for
 * versions before 8.8, which have no web-apps backup (Operate and Tasklist back up separately).
 */
export function webappsLayoutFor(version: string): WebappsLayout {
  const core = parseVersionCore(version);
  if (compareVersionCore(core, V8_8_0) < 0) {
    throw new RangeError(
      `Camunda ${version} has no web-apps backup: it starts with 8.8.0 ` +
        '(before 8.8, Operate and Tasklist are backed up separately, topology per-app)',
    );
  }
  if (compareVersionCore(core, V8_8_15) < 0) return LAYOUT_A;
  if (compareVersionCore(core, V8_9_0) < 0) return LAYOUT_B_88;
  if (compareVersionCore(core, V8_10_0) < 0) return LAYOUT_B_89;
  return LAYOUT_C;
}

/** Every layout known, oldest first (for diagnostics and tests). */
export const WEBAPPS_LAYOUTS: readonly WebappsLayout[] = Object.freeze([
  LAYOUT_A,
  LAYOUT_B_88,
  LAYOUT_B_89,
  LAYOUT_C,
]);
