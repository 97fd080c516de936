import { parseArgs } from 'node:util';

export interface CommandLine {
  /** e.g. ['backup', 'create'] or ['restore', '1700000000'] */
  words: string[];
  components?: string[];
  id?: string;
  wait: boolean;
  json: boolean;
  url: string;
  deleteExistingIndices: boolean;
  allowVersionMismatch: boolean;
  timeoutSeconds: number;
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: camunda-backup <command> [options]

Commands:
  backup create [--components LIST] [--id ID] [--wait]   take a coordinated backup
  backup list                                            list coordinated backups
  backup status ID                                       show one backup, component by component
  backup delete ID                                       delete every piece of a backup
  restore ID [--components LIST] [--delete-existing-indices] [--allow-version-mismatch] [--wait]
                                                         restore a COMPLETED backup (stop the apps first)

Options:
  --components LIST   comma-separated: optimize,operate,tasklist,zeebe (default: all of the backup)
  --id ID             backup ID (default: the orchestrator picks the current Unix time)
  --wait              wait until the backup or restore has finished, showing progress on stderr
  --timeout SECONDS   longest --wait waits (default 3600)
  --json              print the orchestrator's JSON instead of text
  --url URL           orchestrator URL (default: CAMUNDA_BACKUP_URL or http://127.0.0.1:9700)
  -h, --help          this help

Environment: CAMUNDA_BACKUP_URL, CAMUNDA_BACKUP_TOKEN (sent as a bearer token).

Exit codes: 0 done (with --wait: COMPLETED), 1 the backup or restore did not complete, 2 wrong usage,
3 refused by the orchestrator (4xx), 4 not found, 5 orchestrator or datastore unavailable (5xx or no
connection), 6 (backup status) still in progress.`;

export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv): CommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        components: { type: 'string' },
        id: { type: 'string' },
        wait: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        url: { type: 'string' },
        'delete-existing-indices': { type: 'boolean', default: false },
        'allow-version-mismatch': { type: 'boolean', default: false },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const timeout = values.timeout ?? '3600';
  if (!/^\d+$/.test(timeout) || Number(timeout) < 1) {
    throw new UsageError(`--timeout must be a positive number of seconds, got "${timeout}"`);
  }
  return {
    words: positionals,
    components: values.components
      ?.split(',')
      .map((c) => c.trim())
      .filter((c) => c.length > 0),
    id: values.id,
    wait: values.wait,
    json: values.json,
    url: values.url ?? env.CAMUNDA_BACKUP_URL ?? 'http://127.0.0.1:9700',
    deleteExistingIndices: values['delete-existing-indices'],
    allowVersionMismatch: values['allow-version-mismatch'],
    timeoutSeconds: Number(timeout),
    help: values.help,
  };
}
