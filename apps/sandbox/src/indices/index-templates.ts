import { join } from 'node:path';
import { readJsonFile, removeFile, writeJsonAtomic } from '../common/atomic-file.js';
import { simpleMatch } from '../common/glob.js';
import { isPlainObject, LosslessNumber } from '../common/json.js';
import { EsError, illegalArgument, validationFailed } from '../http/errors.js';
import { normalizeSettings } from './index-settings.js';

/** A composable index template (ES 7.8+ / OpenSearch 1+ `_index_template`). */
export interface IndexTemplate {
  name: string;
  indexPatterns: string[];
  /** Flat settings (`index.number_of_shards` → "1"), as indices keep them. */
  settings?: Record<string, string>;
  mappings?: Record<string, unknown>;
  aliases?: Record<string, Record<string, unknown>>;
  /** Undefined = not given (counts as 0 when choosing, is not rendered). */
  priority?: number;
  composedOf: string[];
  version?: number;
  meta?: Record<string, unknown>;
  dataStream?: Record<string, unknown>;
  allowAutoCreate?: boolean;
}

const TOP_LEVEL_FIELDS = new Set([
  'index_patterns',
  'template',
  'priority',
  'composed_of',
  'version',
  '_meta',
  'data_stream',
  'allow_auto_create',
  'ignore_missing_component_templates',
  'deprecated',
]);
const TEMPLATE_FIELDS = new Set(['settings', 'mappings', 'aliases', 'lifecycle', 'data_stream_options']);

/** ES `MetadataIndexTemplateService.validate`'s name rules, as `invalid_index_template_exception`. */
export function validateTemplateName(name: string): void {
  const problems: string[] = [];
  if (name.includes(' ')) problems.push('name must not contain a space');
  if (name.includes(',')) problems.push("name must not contain a ','");
  if (name.includes('#')) problems.push("name must not contain a '#'");
  if (name.startsWith('_')) problems.push("name must not start with '_'");
  if (name.toLowerCase() !== name) problems.push('name must be lower cased');
  if (problems.length > 0) {
    throw new EsError(
      400,
      'invalid_index_template_exception',
      `index_template [${name}] invalid, cause [${problems.join(', ')}]`,
    );
  }
}

/** Reads a PUT `_index_template/{name}` body; bad input is a 400 naming the field. */
export function parseIndexTemplate(name: string, body: unknown): IndexTemplate {
  validateTemplateName(name);
  if (!isPlainObject(body)) throw illegalArgument('index template body must be a JSON object');
  for (const key of Object.keys(body)) {
    if (!TOP_LEVEL_FIELDS.has(key)) {
      throw new EsError(400, 'x_content_parse_exception', `[index_template] unknown field [${key}]`);
    }
  }
  const patterns = body.index_patterns;
  const indexPatterns =
    typeof patterns === 'string' ? [patterns] : Array.isArray(patterns) ? patterns.map(String) : [];
  if (indexPatterns.length === 0) throw validationFailed(['index patterns are missing']);
  const template: IndexTemplate = {
    name,
    indexPatterns,
    composedOf: stringList(body.composed_of, 'composed_of'),
  };
  const inner = body.template;
  if (inner !== undefined && inner !== null) {
    if (!isPlainObject(inner)) throw illegalArgument('[template] must be an object');
    for (const key of Object.keys(inner)) {
      if (!TEMPLATE_FIELDS.has(key)) {
        throw new EsError(400, 'x_content_parse_exception', `[template] unknown field [${key}]`);
      }
    }
    if (inner.settings !== undefined) template.settings = normalizeSettings(inner.settings);
    if (inner.mappings !== undefined) {
      if (!isPlainObject(inner.mappings)) throw illegalArgument('[template.mappings] must be an object');
      template.mappings = inner.mappings;
    }
    if (inner.aliases !== undefined) {
      if (!isPlainObject(inner.aliases)) throw illegalArgument('[template.aliases] must be an object');
      template.aliases = Object.fromEntries(
        Object.entries(inner.aliases).map(([alias, config]) => [alias, isPlainObject(config) ? config : {}]),
      );
    }
  }
  if (body.priority !== undefined && body.priority !== null) {
    template.priority = nonNegativeInteger(body.priority, 'priority');
  }
  if (body.version !== undefined && body.version !== null) {
    template.version = nonNegativeInteger(body.version, 'version');
  }
  const meta = body['_meta'];
  if (meta !== undefined) {
    if (!isPlainObject(meta)) throw illegalArgument('[_meta] must be an object');
    template.meta = meta;
  }
  if (body.data_stream !== undefined) {
    if (!isPlainObject(body.data_stream)) throw illegalArgument('[data_stream] must be an object');
    template.dataStream = body.data_stream;
  }
  if (body.allow_auto_create !== undefined) {
    if (typeof body.allow_auto_create !== 'boolean')
      throw illegalArgument('[allow_auto_create] must be a boolean');
    template.allowAutoCreate = body.allow_auto_create;
  }
  return template;
}

/** The `index_template` object of a GET answer, in Elasticsearch's field order. */
export function renderIndexTemplate(
  template: IndexTemplate,
  renderSettings: (flat: Record<string, string>) => Record<string, unknown>,
): Record<string, unknown> {
  const inner: Record<string, unknown> = {};
  if (template.settings) inner.settings = renderSettings(template.settings);
  if (template.mappings) inner.mappings = template.mappings;
  if (template.aliases) inner.aliases = template.aliases;
  return {
    index_patterns: template.indexPatterns,
    ...(template.settings || template.mappings || template.aliases ? { template: inner } : {}),
    composed_of: template.composedOf,
    ...(template.priority !== undefined ? { priority: template.priority } : {}),
    ...(template.version !== undefined ? { version: template.version } : {}),
    ...(template.meta ? { _meta: template.meta } : {}),
    ...(template.dataStream ? { data_stream: template.dataStream } : {}),
    ...(template.allowAutoCreate !== undefined ? { allow_auto_create: template.allowAutoCreate } : {}),
  };
}

/**
 * Whether two index patterns can match a common name. Sandbox approximation of ES's automaton
 * intersection: the literal text before the first `*` of one must be a prefix of the other's (or
 * the reverse), and likewise for the text after the last `*`; without wildcards, plain matching.
 */
export function patternsOverlap(a: string, b: string): boolean {
  if (!a.includes('*') || !b.includes('*')) return simpleMatch(a, b) || simpleMatch(b, a);
  const headA = a.slice(0, a.indexOf('*'));
  const headB = b.slice(0, b.indexOf('*'));
  const tailA = a.slice(a.lastIndexOf('*') + 1);
  const tailB = b.slice(b.lastIndexOf('*') + 1);
  const headsFit = headA.startsWith(headB) || headB.startsWith(headA);
  const tailsFit = tailA.endsWith(tailB) || tailB.endsWith(tailA);
  return headsFit && tailsFit;
}

/**
 * The template Elasticsearch applies to a new index: the matching one with the highest priority;
 * a hidden index ignores templates with the global pattern `*` (ES `findV2Template`).
 */
export function findTemplateFor(
  templates: readonly IndexTemplate[],
  indexName: string,
  hidden: boolean,
): IndexTemplate | undefined {
  let best: IndexTemplate | undefined;
  for (const template of templates) {
    if (hidden && template.indexPatterns.includes('*')) continue;
    if (!template.indexPatterns.some((pattern) => simpleMatch(pattern, indexName))) continue;
    if (!best || (template.priority ?? 0) > (best.priority ?? 0)) best = template;
  }
  return best;
}

/**
 * A create-index body with the template's settings, mappings and aliases under the request's own
 * (the request wins on every key it sets; mappings merge deeply). Non-object request fields are
 * left alone so index creation reports them as it always does.
 */
export function applyTemplate(
  template: IndexTemplate,
  body: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body };
  if (template.settings && (body.settings === undefined || isPlainObject(body.settings))) {
    out.settings = { ...template.settings, ...normalizeSettings(body.settings) };
  }
  if (template.mappings && (body.mappings === undefined || isPlainObject(body.mappings))) {
    out.mappings = deepMerge(template.mappings, (body.mappings as Record<string, unknown>) ?? {});
  }
  if (template.aliases && (body.aliases === undefined || isPlainObject(body.aliases))) {
    out.aliases = { ...template.aliases, ...(body.aliases as Record<string, unknown> | undefined) };
  }
  return out;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = out[key];
    out[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return out;
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw illegalArgument(`[${field}] must be an array of strings`);
  }
  return value as string[];
}

function nonNegativeInteger(value: unknown, field: string): number {
  const number = value instanceof LosslessNumber ? Number(value.toString()) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    throw illegalArgument(`[${field}] must be a non-negative integer, got [${String(value)}]`);
  }
  return number;
}

/** The cluster's composable index templates, persisted in `<data>/index-templates.json`. */
export class IndexTemplateStore {
  private templates = new Map<string, IndexTemplate>();
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'index-templates.json');
  }

  load(): void {
    const saved = readJsonFile<IndexTemplate[]>(this.file) ?? [];
    this.templates = new Map(saved.map((template) => [template.name, template]));
  }

  reset(): void {
    this.templates.clear();
    removeFile(this.file);
  }

  /** Sorted by name. */
  all(): IndexTemplate[] {
    return [...this.templates.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): IndexTemplate | undefined {
    return this.templates.get(name);
  }

  /** Adds or replaces; refuses `create` over an existing one and same-priority overlaps (ES rules). */
  put(template: IndexTemplate, createOnly: boolean): void {
    if (createOnly && this.templates.has(template.name)) {
      throw illegalArgument(`index template [${template.name}] already exists`);
    }
    const priority = template.priority ?? 0;
    const clashes = this.all().filter(
      (other) =>
        other.name !== template.name &&
        (other.priority ?? 0) === priority &&
        other.indexPatterns.some((a) => template.indexPatterns.some((b) => patternsOverlap(a, b))),
    );
    if (clashes.length > 0) {
      const described = clashes
        .map((other) => `${other.name} => [${other.indexPatterns.join(', ')}]`)
        .join(',');
      throw illegalArgument(
        `index template [${template.name}] has index patterns [${template.indexPatterns.join(', ')}] matching patterns from existing templates [${clashes.map((c) => c.name).join(',')}] with patterns (${described}) that have the same priority [${priority}], multiple index templates may not match during index creation, please use a different priority`,
      );
    }
    this.templates.set(template.name, template);
    this.save();
  }

  delete(names: readonly string[]): void {
    for (const name of names) this.templates.delete(name);
    this.save();
  }

  /** The create-index body with the winning template applied (unchanged when none matches). */
  applyTo(indexName: string, body: Record<string, unknown>): Record<string, unknown> {
    const requestSettings = isPlainObject(body.settings) ? normalizeSettings(body.settings) : {};
    const template = findTemplateFor(this.all(), indexName, requestSettings['index.hidden'] === 'true');
    return template ? applyTemplate(template, body) : body;
  }

  private save(): void {
    writeJsonAtomic(this.file, this.all());
  }
}
