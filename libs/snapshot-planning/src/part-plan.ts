import { PART_COUNT, type ComponentName } from './component.js';

export interface PartPlan {
  partNo: number;
  partCount: number;
  indices: string[];
}

/** Elasticsearch "exclude everything": what a part holds when nothing belongs in it (an empty list would mean all indices). */
export const NOTHING_PATTERN = '-*';

type Priority = 1 | 2 | 3 | 4;

interface IndexRule {
  priority: Priority;
  template: boolean;
}

/** Operate 8.2–8.7 (facts §2.2), keyed by the index name between prefix and schema version. */
export const OPERATE_INDEX_RULES: Readonly<Record<string, IndexRule>> = Object.freeze({
  'import-position': { priority: 1, template: false },
  'list-view': { priority: 2, template: true },
  'batch-operation': { priority: 3, template: true },
  'decision-instance': { priority: 3, template: true },
  event: { priority: 3, template: true },
  'flownode-instance': { priority: 3, template: true },
  incident: { priority: 3, template: true },
  // Priority of job (8.6+) is not documented; it holds runtime data like flownode-instance.
  job: { priority: 3, template: true },
  message: { priority: 3, template: true },
  operation: { priority: 3, template: true },
  'post-importer-queue': { priority: 3, template: true },
  'sequence-flow': { priority: 3, template: true },
  'user-task': { priority: 3, template: true },
  variable: { priority: 3, template: true },
  decision: { priority: 4, template: false },
  'decision-requirements': { priority: 4, template: false },
  metric: { priority: 4, template: false },
  'migration-steps-repository': { priority: 4, template: false },
  process: { priority: 4, template: false },
  user: { priority: 4, template: false },
  'web-session': { priority: 4, template: false },
});

/** Tasklist 8.2–8.7 (facts §2.3). */
export const TASKLIST_INDEX_RULES: Readonly<Record<string, IndexRule>> = Object.freeze({
  'import-position': { priority: 1, template: false },
  task: { priority: 2, template: true },
  'process-instance': { priority: 2, template: false },
  'draft-task-variable': { priority: 3, template: true },
  'task-variable': { priority: 3, template: true },
  'list-view': { priority: 3, template: true },
  'flownode-instance': { priority: 3, template: false },
  variable: { priority: 3, template: false },
  form: { priority: 4, template: false },
  metric: { priority: 4, template: false },
  'migration-steps-repository': { priority: 4, template: false },
  process: { priority: 4, template: false },
  'web-session': { priority: 4, template: false },
  user: { priority: 4, template: false },
});

/** Optimize indices whose mapping is flagged as import index (facts §2.5): they form part 1. */
export const OPTIMIZE_IMPORT_INDEX_NAMES: readonly string[] = Object.freeze([
  'position-based-import-index',
  'timestamp-based-import-index',
  'import-index',
]);

/**
 * The N parts for a component from the concrete index names that exist under its prefix (the caller
 * lists `${indexPrefix}-*`). Always exactly PART_COUNT[component] parts, in order. A part never has an
 * empty list: when nothing belongs in it, its list is ['-*'] (Elasticsearch: "exclude everything").
 * Every existing index under the prefix lands in exactly one part (main parts by exact name; dated
 * copies only through their template's `name*` + `-name` pair); an index name is never in two parts.
 * Unknown index names under the prefix go to the last (reference-data) part. Indices not under the
 * prefix are ignored.
 */
export function planParts(
  component: ComponentName,
  indexPrefix: string,
  existingIndices: readonly string[],
): PartPlan[] {
  assertIndexPrefix(indexPrefix);
  const ownIndices = [...new Set(existingIndices)]
    .filter((name) => name.startsWith(`${indexPrefix}-`))
    .sort();
  switch (component) {
    case 'optimize':
      return toPartPlans(component, planOptimize(indexPrefix, ownIndices));
    case 'operate':
      return toPartPlans(component, planByPriority(indexPrefix, ownIndices, OPERATE_INDEX_RULES));
    case 'tasklist':
      return toPartPlans(component, planByPriority(indexPrefix, ownIndices, TASKLIST_INDEX_RULES));
    default:
      throw new RangeError(`component must be one of optimize, operate, tasklist; got ${String(component)}`);
  }
}

/** Optimize names are `{prefix}-{name}_v{N}`, optionally followed by a rollover suffix `-000001`. */
function planOptimize(indexPrefix: string, ownIndices: readonly string[]): string[][] {
  const importIndices: string[] = [];
  const otherIndices: string[] = [];
  for (const indexName of ownIndices) {
    const match = /^(.+)_v[0-9]+(-[0-9]+)?$/.exec(indexName.slice(indexPrefix.length + 1));
    if (match !== null && OPTIMIZE_IMPORT_INDEX_NAMES.includes(match[1])) importIndices.push(indexName);
    else otherIndices.push(indexName);
  }
  return [importIndices, otherIndices];
}

/**
 * One runtime ("main") index `{prefix}-{name}-{schemaVersion}_` with its dated copies
 * `{mainIndex}{suffix}`. The family exists when either the main index or a dated copy exists.
 */
interface IndexFamily {
  mainIndex: string;
  mainIndexExists: boolean;
  hasDatedCopies: boolean;
  rule: IndexRule | undefined;
}

/**
 * Operate and Tasklist: part 1 Prio1, part 2 Prio2 main, part 3 Prio2 dated, part 4 Prio3 main,
 * part 5 Prio3 dated, part 6 Prio4 plus everything unknown.
 */
function planByPriority(
  indexPrefix: string,
  ownIndices: readonly string[],
  rules: Readonly<Record<string, IndexRule>>,
): string[][] {
  const families = new Map<string, IndexFamily>();
  const unparsedIndices: string[] = [];
  for (const indexName of ownIndices) {
    // The first `-{x.y.z}_` ends the index name; whatever follows is the dated suffix.
    const match = /^(.+?)-([0-9]+\.[0-9]+\.[0-9]+)_(.*)$/.exec(indexName.slice(indexPrefix.length + 1));
    if (match === null) {
      unparsedIndices.push(indexName);
      continue;
    }
    const [, name, schemaVersion, datedSuffix] = match;
    const mainIndex = `${indexPrefix}-${name}-${schemaVersion}_`;
    const family = families.get(mainIndex) ?? {
      mainIndex,
      mainIndexExists: false,
      hasDatedCopies: false,
      rule: Object.hasOwn(rules, name) ? rules[name] : undefined,
    };
    if (datedSuffix === '') family.mainIndexExists = true;
    else family.hasDatedCopies = true;
    families.set(mainIndex, family);
  }

  const mainParts: Record<Priority, string[]> = { 1: [], 2: [], 3: [], 4: [...unparsedIndices] };
  // Exclusions only remove what earlier entries of the same list selected, so within one list the
  // `name*`/`-name` pairs must come before exact names: ['a*', '-a', 'a'] keeps `a`, ['a', 'a*', '-a'] loses it.
  const datedPatterns: Record<Priority, string[]> = { 1: [], 2: [], 3: [], 4: [] };
  for (const family of families.values()) {
    const priority = family.rule?.priority ?? 4;
    const isTemplate = (family.rule?.template ?? false) || family.hasDatedCopies;
    if (family.mainIndexExists) mainParts[priority].push(family.mainIndex);
    if (isTemplate) datedPatterns[priority].push(`${family.mainIndex}*`, `-${family.mainIndex}`);
  }

  // Priorities 1 and 4 have no dated part of their own: their templates' pairs join their main part.
  return [
    [...datedPatterns[1], ...mainParts[1]],
    mainParts[2],
    datedPatterns[2],
    mainParts[3],
    datedPatterns[3],
    [...datedPatterns[4], ...mainParts[4].sort()],
  ];
}

function toPartPlans(component: ComponentName, partIndexLists: readonly string[][]): PartPlan[] {
  const partCount = PART_COUNT[component];
  if (partIndexLists.length !== partCount) {
    throw new Error(
      `internal: ${partIndexLists.length} part lists planned for ${component}, expected ${partCount}`,
    );
  }
  return partIndexLists.map((indices, position) => ({
    partNo: position + 1,
    partCount,
    indices: indices.length > 0 ? [...indices] : [NOTHING_PATTERN],
  }));
}

// The prefix becomes part of index patterns sent to the datastore, so it must not carry wildcards,
// list separators or exclusions of its own.
function assertIndexPrefix(indexPrefix: string): void {
  if (
    typeof indexPrefix !== 'string' ||
    !/^[a-z0-9][a-z0-9._-]*$/.test(indexPrefix) ||
    indexPrefix.length > 100
  ) {
    throw new RangeError(
      'indexPrefix must be 1 to 100 characters of a-z, 0-9, ".", "_" and "-", starting with a letter or digit; ' +
        `got ${JSON.stringify(String(indexPrefix).slice(0, 40))}`,
    );
  }
}
