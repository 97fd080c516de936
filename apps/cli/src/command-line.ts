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
  /** `backup delete` without asking. */
  yes: boolean;
  /** `backup list` filters and paging (passed to GET /api/v1/backups). */
  filters: { component?: string; state?: string; since?: string; limit?: string; before?: string };
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: camunda-backup <command> [options]

Commands:
  backup create [--components LIST] [--id ID] [--wait]   take a coordinated backup
  backup list [--component C] [--state S] [--since ISO] [--limit N] [--before ID]
                                                         list backups (coordinated and component), newest first
  backup describe ID                                     one backup: times, durations, sizes, parts, reasons
  backup status ID                                       the same; exit code 6 while it is in progress
  backup delete ID [--yes]                               delete every piece of a backup (asks first)
  restore ID [--components LIST] [--delete-existing-indices] [--allow-version-mismatch] [--wait]
                                                         restore a COMPLETED backup (stop the apps first)
  restore list                                           list restores, newest first
  restore status ID                                      one restore, snapshot by snapshot
  schedule show                                          BACKUP_SCHEDULE: cron, next run, retention, last run
  schedule run [NAME]                                    run the schedule now (default: coordinated)

Options:
  --components LIST   comma-separated: optimize,operate,tasklist,zeebe (default: all of the backup)
  --id ID             backup ID (default: the orchestrator picks the current Unix time)
  --wait              wait until the backup or restore has finished, showing progress on stderr
  --timeout SECONDS   longest --wait waits (default 3600)
  --yes               backup delete: do not ask (needed when stdin is not a terminal)
  --json              print the orchestrator's JSON instead of text
  --url URL           orchestrator URL (default: CAMUNDA_BACKUP_URL or http://127.0.0.1:9700)
  -h, --help          this help

Environment: CAMUNDA_BACKUP_URL, CAMUNDA_BACKUP_TOKEN (sent as a bearer token).

Exit codes: 0 done (with --wait: COMPLETED), 1 the backup or restore did not complete, 2 wrong usage
(also: backup delete without --yes when stdin is not a terminal), 3 refused by the orchestrator (4xx), 4 not found, 5 orchestrator or datastore unavailable (5xx or no
connection), 6 (backup status, restore status) still in progress.`;

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
        yes: { type: 'boolean', short: 'y', default: false },
        component: { type: 'string' },
        state: { type: 'string' },
        since: { type: 'string' },
        limit: { type: 'string' },
        before: { type: 'string' },
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
    yes: values.yes,
    filters: {
      component: values.component,
      state: values.state,
      since: values.since,
      limit: values.limit,
      before: values.before,
    },
    help: values.help,
  };
}
