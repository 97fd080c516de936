import { isPlainObject, LosslessNumber } from '../common/json.js';
import { illegalArgument } from '../http/errors.js';

/**
 * Index settings, kept flat (`index.number_of_shards` → "1") with string values as Elasticsearch's
 * Settings do; accepts nested (`{index:{number_of_shards:1}}`), dotted and unprefixed forms.
 */
export function normalizeSettings(input: unknown): Record<string, string> {
  if (input === undefined || input === null) return {};
  if (!isPlainObject(input)) throw illegalArgument('settings must be an object');
  const flat: Record<string, string> = {};
  flatten(input, '', flat);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(flat))
    out[key.startsWith('index.') ? key : `index.${key}`] = value;
  for (const key of ['index.number_of_shards', 'index.number_of_replicas']) {
    const value = out[key];
    const min = key === 'index.number_of_shards' ? 1 : 0;
    if (value !== undefined && (!/^\d+$/.test(value) || Number(value) < min || Number(value) > 1024)) {
      throw illegalArgument(`Failed to parse value [${value}] for setting [${key}] must be >= ${min}`);
    }
  }
  return out;
}

/** Flattens an object into dotted keys with string values (ES Settings semantics). */
export function flatten(value: Record<string, unknown>, prefix: string, out: Record<string, string>): void {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(child)) flatten(child, path, out);
    else if (Array.isArray(child)) out[path] = child.map(String).join(',');
    else if (child instanceof LosslessNumber) out[path] = child.toString();
    else if (child !== null && child !== undefined) out[path] = String(child);
  }
}

/** Flat dotted settings back to the nested form GET index answers with. */
export function nestSettings(flat: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const key of Object.keys(flat).sort()) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (!isPlainObject(node[part])) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = flat[key];
  }
  return root;
}
