import { validateVersion } from '@app/snapshot-planning';
import { CONFIGURATION_VARIABLES, UNSET } from './configuration-variables.js';

export type Env = Record<string, string | undefined>;

/** A parser turns a variable's text into its value, or says what is wrong with it. */
type Parser<T> = (text: string) => { value: T } | { problem: string };

const BY_NAME = new Map(CONFIGURATION_VARIABLES.map((variable) => [variable.name, variable]));

/**
 * The one way the daemon reads its environment. Every variable must be in CONFIGURATION_VARIABLES,
 * whose `default` is the only place a default is written: a literal value, `unset`, or the name of
 * another variable whose value is taken. Each problem is recorded once, as `NAME: what is wrong`.
 */
export class EnvReader {
  readonly problems: string[] = [];
  private readonly values = new Map<string, unknown>();

  constructor(private readonly env: Env) {}

  problem(names: string, message: string): void {
    this.problems.push(`${names}: ${message}`);
  }

  /** Text as given (trimmed; empty = not given), or the default's text; undefined when unset. */
  optionalString(name: string): string | undefined {
    return this.read(name, (text) => ({ value: text }));
  }

  string(name: string): string {
    return this.required(this.optionalString(name));
  }

  boolean(name: string): boolean {
    return this.required(
      this.read(name, (text) =>
        text === 'true' || text === 'false'
          ? { value: text === 'true' }
          : { problem: `must be true or false, got "${text}"` },
      ),
    );
  }

  port(name: string): number {
    return this.required(
      this.read(name, (text) =>
        /^\d+$/.test(text) && Number(text) <= 65535
          ? { value: Number(text) }
          : { problem: `must be a TCP port from 0 to 65535, got "${text}"` },
      ),
    );
  }

  /** A whole number ≥ `min` (milliseconds, counts, retries). */
  integer(name: string, min = 1): number {
    return this.required(this.optionalInteger(name, min));
  }

  optionalInteger(name: string, min = 1): number | undefined {
    return this.read(name, (text) =>
      /^\d+$/.test(text) && Number(text) >= min && Number.isSafeInteger(Number(text))
        ? { value: Number(text) }
        : {
            problem: `must be ${min === 1 ? 'a positive whole number' : `a whole number ≥ ${min}`}, got "${text}"`,
          },
    );
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], options: { ignoreCase?: boolean } = {}): T {
    return this.required(
      this.read(name, (text) => {
        const value = options.ignoreCase ? text.toLowerCase() : text;
        return (allowed as readonly string[]).includes(value)
          ? { value: value as T }
          : { problem: `must be one of ${allowed.join(', ')}, got "${text}"` };
      }),
    );
  }

  /** A snapshot repository name: no list separators, wildcards or characters Elasticsearch refuses. */
  optionalRepositoryName(name: string): string | undefined {
    return this.read(name, (text) =>
      /[\s,*"\\/<>|?#]/.test(text)
        ? { problem: `"${text}" is not a valid snapshot repository name` }
        : { value: text },
    );
  }

  version(name: string): string {
    return this.required(
      this.read(name, (text) => {
        const problem = validateVersion(text);
        return problem ? { problem } : { value: text };
      }),
    );
  }

  /** Becomes part of index patterns: lower case, no wildcards, separators or exclusions. */
  indexPrefix(name: string): string {
    return this.required(this.optionalIndexPrefix(name));
  }

  optionalIndexPrefix(name: string): string | undefined {
    return this.read(name, (text) =>
      /^[a-z0-9][a-z0-9._-]*$/.test(text)
        ? { value: text }
        : { problem: `must be a lower-case index prefix like "operate", got "${text}"` },
    );
  }

  url(name: string, protocols: readonly string[]): string {
    return this.required(this.optionalUrl(name, protocols));
  }

  optionalUrl(name: string, protocols: readonly string[]): string | undefined {
    return this.read(name, (text) =>
      isUrl(text, protocols)
        ? { value: text }
        : {
            problem: `must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL, got "${redactUrl(text)}"`,
          },
    );
  }

  /** Comma-separated URLs; at least one. */
  urlList(name: string, protocols: readonly string[]): string[] {
    return this.required(
      this.read(name, (text) => {
        const urls = text
          .split(',')
          .map((url) => url.trim())
          .filter(Boolean);
        if (urls.length === 0) return { problem: 'must list at least one URL' };
        const bad = urls.find((url) => !isUrl(url, protocols));
        return bad
          ? { problem: `"${redactUrl(bad)}" is not a ${protocols.map((p) => `${p}//`).join(' or ')} URL` }
          : { value: urls };
      }),
    );
  }

  /**
   * Comma-separated `host:port` addresses (IPv6 as `[::1]:port`); at least one. A missing port is
   * `defaultPort`.
   */
  optionalHostPortList(name: string, defaultPort: number): Array<{ host: string; port: number }> | undefined {
    return this.read(name, (text) => {
      const entries = text
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      if (entries.length === 0) return { problem: 'must list at least one host:port' };
      const addresses: Array<{ host: string; port: number }> = [];
      for (const entry of entries) {
        const address = parseHostPort(entry, defaultPort);
        if (!address) {
          return { problem: `"${redactUrl(entry)}" is not a host:port address (like sentinel-0:26379)` };
        }
        addresses.push(address);
      }
      return { value: addresses };
    });
  }

  /** BullMQ's key prefix: ':' separates its keys. */
  queuePrefix(name: string): string {
    return this.required(
      this.read(name, (text) =>
        text.includes(':') || /\s/.test(text)
          ? { problem: `must not contain ':' or white space, got "${text}"` }
          : { value: text },
      ),
    );
  }

  /** `30d`, `12h`, `45m`, `90s` in milliseconds. */
  optionalDuration(name: string): number | undefined {
    return this.read(name, (text) => {
      const ms = parseDuration(text);
      return ms === undefined
        ? { problem: `must be a duration like 30d, 12h, 45m or 90s, got "${text}"` }
        : { value: ms };
    });
  }

  optionalCron(name: string): string | undefined {
    return this.read(name, (text) =>
      isCronPattern(text)
        ? { value: text }
        : {
            problem: `must be a cron pattern with 5 fields (minute precision) or 6 (second precision), got "${text}"`,
          },
    );
  }

  private read<T>(name: string, parse: Parser<T>): T | undefined {
    if (this.values.has(name)) return this.values.get(name) as T | undefined;
    const variable = BY_NAME.get(name);
    if (!variable) throw new Error(`internal: ${name} is not in CONFIGURATION_VARIABLES`);
    const given = this.env[name]?.trim();
    let value: T | undefined;
    if (given) {
      const parsed = parse(given);
      if ('problem' in parsed) this.problem(name, parsed.problem);
      else value = parsed.value;
    } else if (BY_NAME.has(variable.default)) {
      // Defaults to another variable: its problems are reported under its own name.
      value = this.read(variable.default, parse);
    } else if (variable.default !== UNSET) {
      const parsed = parse(variable.default);
      if ('problem' in parsed) throw new Error(`internal: default of ${name}: ${parsed.problem}`);
      value = parsed.value;
    }
    this.values.set(name, value);
    return value;
  }

  /**
   * For variables with a literal default: undefined only when the given text was invalid, and then a
   * problem is recorded and the whole configuration is refused, so the value is never used.
   */
  private required<T>(value: T | undefined): T {
    return value as T;
  }
}

const DURATION_UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30d`, `12h`, `45m`, `90s` → milliseconds; undefined when malformed or zero. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * DURATION_UNITS_MS[match[2]!]!;
  return ms > 0 ? ms : undefined;
}

/** Milliseconds → the duration text parseDuration reads, in the largest unit that divides it (`2d`, `90s`). */
export function formatDuration(ms: number): string {
  const [unit, unitMs] = Object.entries(DURATION_UNITS_MS)
    .toReversed()
    .find(([, size]) => ms % size === 0) ?? ['ms', 1];
  return `${ms / unitMs}${unit}`;
}

const CRON_FIELD = /^[\d*/,?LW#A-Za-z-]+$/;

function isCronPattern(text: string): boolean {
  const fields = text.split(/\s+/);
  return (fields.length === 5 || fields.length === 6) && fields.every((field) => CRON_FIELD.test(field));
}

/** `host`, `host:port`, `[v6]` or `[v6]:port`; undefined when it is anything else (a URL, a bad port). */
export function parseHostPort(text: string, defaultPort: number): { host: string; port: number } | undefined {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9._-]+))(?::(\d+))?$/.exec(text);
  if (!match) return undefined;
  const port = match[3] === undefined ? defaultPort : Number(match[3]);
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1] ?? match[2]!, port };
}

function isUrl(text: string, protocols: readonly string[]): boolean {
  try {
    const url = new URL(text);
    return protocols.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A URL for messages: user and password removed. */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi, '$1');
}
