import { isPlainObject, LosslessNumber } from '../common/json.js';

/**
 * The size Elasticsearch measures for snapshot `metadata`: the bytes `StreamOutput.writeGenericMap`
 * writes (type bytes, vInt lengths, modified-UTF-8 strings, 4/8-byte numbers), not the JSON length.
 */
export function genericValueSize(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === 'string') return 1 + stringSize(value);
  if (typeof value === 'boolean') return 2;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 9;
    return value >= -(2 ** 31) && value < 2 ** 31 ? 5 : 9;
  }
  if (value instanceof LosslessNumber) {
    const text = value.toString();
    if (!/^-?\d+$/.test(text)) return 9;
    const big = BigInt(text);
    return big >= -(2n ** 63n) && big < 2n ** 63n ? 9 : 1 + stringSize(text);
  }
  if (Array.isArray(value))
    return 1 + vIntSize(value.length) + value.reduce((sum: number, v) => sum + genericValueSize(v), 0);
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    return (
      1 +
      vIntSize(entries.length) +
      entries.reduce((sum, [k, v]) => sum + stringSize(k) + genericValueSize(v), 0)
    );
  }
  return 1 + stringSize(String(value));
}

function stringSize(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code <= 0x7f ? 1 : code <= 0x7ff ? 2 : 3;
  }
  return vIntSize(text.length) + bytes;
}

function vIntSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}
