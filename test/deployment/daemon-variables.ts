import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Variables holding credentials: they must come from a Secret (Kubernetes) or the shell (compose), never a file. */
export const SECRET_VARIABLES = [
  'DATASTORE_PASSWORD',
  'DATASTORE_API_KEY',
  'DASHBOARD_PASSWORD',
  'MANAGEMENT_AUTH_TOKEN',
  'MANAGEMENT_PASSWORD',
  'REDIS_URL', // may carry the Redis password (redis://:password@host)
];

/**
 * Every variable the built daemon reads, with its default ("unset" when it has none), from the Markdown
 * table its `--help` prints: the daemon's own list, wherever in its sources the variables are defined.
 */
export function daemonVariables(): Map<string, string> {
  const entry = join(ROOT, 'dist', 'apps', 'orchestrator', 'apps', 'orchestrator', 'src', 'main.js');
  if (!existsSync(entry))
    throw new Error(`the daemon is not built (${entry}); the e2e global setup builds it`);
  const help = execFileSync(process.execPath, [entry, '--help'], { encoding: 'utf8' });
  const variables = new Map<string, string>();
  for (const line of help.split('\n')) {
    const row = /^\| `([A-Z][A-Z0-9_]*)` \| `([^`]*)` \|/.exec(line);
    if (row) variables.set(row[1], row[2]);
  }
  if (variables.size < 20)
    throw new Error(`the daemon's --help lists only ${variables.size} variables:\n${help}`);
  return variables;
}

/** The default of a numeric variable, as the daemon's --help states it. */
export function numericDefault(variables: Map<string, string>, name: string): number {
  const value = Number(variables.get(name));
  if (!Number.isInteger(value))
    throw new Error(`${name} has no numeric default in --help: ${variables.get(name)}`);
  return value;
}
