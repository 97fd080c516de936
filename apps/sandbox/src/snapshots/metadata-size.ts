import { isPlainObject, LosslessNumber } from '../common/json.js';

/**
 * The size Elasticsearch 8 and OpenSearch 2 measure for snapshot `metadata`: the UTF-8 length of
 * the map rendered by a compact XContent JSON builder (`CreateSnapshotRequest.metadataSize`).
 * Numbers are rendered as Java does: integers digit for digit, doubles with `Double.toString`.
 */
export function metadataJsonSize(metadata: Record<string, unknown>): number {
  return Buffer.byteLength(renderJava(metadata), 'utf8');
}

function renderJava(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : javaDouble(value);
  if (value instanceof LosslessNumber) {
    const text = value.toString();
    return /^-?\d+$/.test(text) ? text : javaDouble(Number(text));
  }
  if (Array.isArray(value)) return `[${value.map(renderJava).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${renderJava(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(String(value));
}

/** Java's `Double.toString`: plain from 10^-3 up to 10^7, else `d.dddE±n`; always a fraction digit. */
export function javaDouble(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(n);
  if (abs === 0 || (abs >= 1e-3 && abs < 1e7)) {
    const plain = String(n);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  const [mantissa, exponent] = n.toExponential().split('e');
  const digits = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${digits}E${exponent.replace('+', '')}`;
}
