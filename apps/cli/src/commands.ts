import { type ApiAnswer, ApiClient } from './api-client.js';
import type { CommandLine } from './command-line.js';
import { UsageError } from './command-line.js';
import { backupProgress, describeBackup, formatBackupList } from './describe-backup.js';
import { describeRestore, formatRestoreList, formatSchedules } from './describe-operations.js';
import { EXIT, type ExitCode, exitCodeOfStatus } from './exit-codes.js';
import type { Output } from './output.js';
import type {
  AcceptedBackup,
  AcceptedRestore,
  BackupList,
  BackupView,
  ErrorBody,
  RestoreView,
  ScheduleRunAnswer,
  ScheduleView,
} from './views.js';

const POLL_MS = 500;
/** The one schedule the orchestrator has (BACKUP_SCHEDULE). */
const DEFAULT_SCHEDULE = 'coordinated';

type Command = (client: ApiClient, line: CommandLine, output: Output, argument?: string) => Promise<ExitCode>;

/** Commands by their words; `ID`/`NAME` take the next word, `ID?`/`NAME?` an optional one. */
const COMMANDS: Array<{ words: string[]; argument?: 'ID' | 'NAME?'; run: Command }> = [
  { words: ['backup', 'create'], run: createBackup },
  { words: ['backup', 'list'], run: listBackups },
  { words: ['backup', 'describe'], argument: 'ID', run: (c, l, o, id) => showBackup(c, id!, l, o, false) },
  { words: ['backup', 'status'], argument: 'ID', run: (c, l, o, id) => showBackup(c, id!, l, o, true) },
  { words: ['backup', 'delete'], argument: 'ID', run: (c, l, o, id) => deleteBackup(c, id!, l, o) },
  { words: ['restore', 'list'], run: listRestores },
  { words: ['restore', 'status'], argument: 'ID', run: (c, l, o, id) => restoreStatus(c, id!, l, o) },
  { words: ['restore'], argument: 'ID', run: (c, l, o, id) => restore(c, id!, l, o) },
  { words: ['schedule', 'show'], run: showSchedules },
  { words: ['schedule', 'run'], argument: 'NAME?', run: (c, l, o, name) => runSchedule(c, name, l, o) },
];

/** Runs one command; returns the exit code. */
export async function runCommand(line: CommandLine, output: Output): Promise<ExitCode> {
  const client = new ApiClient(line.url, process.env.CAMUNDA_BACKUP_TOKEN);
  for (const command of COMMANDS) {
    const { words } = command;
    if (!words.every((word, index) => line.words[index] === word)) continue;
    const rest = line.words.slice(words.length);
    if (command.argument === undefined && rest.length === 0) return command.run(client, line, output);
    if (command.argument === 'ID' && rest.length === 1)
      return command.run(client, line, output, idOf(rest[0]!));
    if (command.argument === 'NAME?' && rest.length <= 1) return command.run(client, line, output, rest[0]);
  }
  throw new UsageError(`unknown command "${line.words.join(' ')}"`);
}

async function createBackup(client: ApiClient, line: CommandLine, output: Output): Promise<ExitCode> {
  const answer = await client.call<AcceptedBackup>('POST', '/backups', {
    ...(line.id === undefined ? {} : { backupId: idOf(line.id) }),
    ...(line.components === undefined ? {} : { components: line.components }),
    trigger: 'cli',
  });
  if (answer.status !== 202) return refused(answer, output);
  const id = String(answer.json.backupId);
  if (!line.wait) {
    if (line.json) output.out(answer.text);
    else {
      output.out(`Backup ${id} accepted: ${answer.json.components.join(', ')}`);
      output.out(
        answer.json.zeebe.included ? 'Zeebe: included' : `Zeebe: skipped (${answer.json.zeebe.reason})`,
      );
    }
    return EXIT.ok;
  }
  const final = await waitFor(
    client,
    `/backups/${id}`,
    line,
    output,
    (view) => view.finished === true,
    backupProgress,
  );
  if (typeof final === 'number') return final;
  output.out(line.json ? final.text : describeBackup(final.json, output.width));
  return final.json.state === 'COMPLETED' ? EXIT.ok : EXIT.failed;
}

async function listBackups(client: ApiClient, line: CommandLine, output: Output): Promise<ExitCode> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(line.filters)) if (value !== undefined) query.set(name, value);
  const answer = await client.call<BackupList>('GET', `/backups${query.size > 0 ? `?${query}` : ''}`);
  if (answer.status !== 200) return refused(answer, output);
  output.out(line.json ? answer.text : formatBackupList(answer.json, output.width));
  return EXIT.ok;
}

/** `backup describe` and `backup status` (which also answers "in progress" in its exit code). */
async function showBackup(
  client: ApiClient,
  id: string,
  line: CommandLine,
  output: Output,
  stateInExitCode: boolean,
): Promise<ExitCode> {
  const answer = await client.call<BackupView>('GET', `/backups/${id}`);
  if (answer.status !== 200) return refused(answer, output);
  output.out(line.json ? answer.text : describeBackup(answer.json, output.width));
  if (!stateInExitCode || answer.json.state === 'COMPLETED') return EXIT.ok;
  const finished = answer.json.finished ?? answer.json.state !== 'IN_PROGRESS';
  return finished ? EXIT.failed : EXIT.inProgress;
}

async function deleteBackup(
  client: ApiClient,
  id: string,
  line: CommandLine,
  output: Output,
): Promise<ExitCode> {
  if (!line.yes) {
    if (!output.interactive) {
      output.err(
        `Refusing to delete backup ${id} without confirmation: stdin is not a terminal. Add --yes to delete it.`,
      );
      return EXIT.usage;
    }
    const found = await client.call<BackupView>('GET', `/backups/${id}`);
    if (found.status !== 200) return refused(found, output);
    const components = Object.keys(found.json.components ?? {}).join(', ');
    if (!(await output.confirm(`Delete backup ${id} (${components})?`))) {
      output.err(`Backup ${id} not deleted`);
      return EXIT.failed;
    }
  }
  const answer = await client.call('DELETE', `/backups/${id}`);
  if (answer.status !== 204) return refused(answer, output);
  output.out(line.json ? JSON.stringify({ backupId: id, deleted: true }) : `Backup ${id} deleted`);
  return EXIT.ok;
}

async function restore(client: ApiClient, id: string, line: CommandLine, output: Output): Promise<ExitCode> {
  const answer = await client.call<AcceptedRestore>('POST', '/restores', {
    backupId: id,
    ...(line.components === undefined ? {} : { components: line.components }),
    ...(line.deleteExistingIndices ? { deleteExistingIndices: true } : {}),
    ...(line.allowVersionMismatch ? { allowVersionMismatch: true } : {}),
  });
  if (answer.status !== 202) return refused(answer, output);
  if (!line.wait) {
    if (line.json) output.out(answer.text);
    else
      output.out(
        `Restore of backup ${id} accepted: ${answer.json.snapshots.length} snapshots (${answer.json.components.join(', ')})`,
      );
    return EXIT.ok;
  }
  const final = await waitFor<RestoreView>(
    client,
    `/restores/${id}`,
    line,
    output,
    (view) => view.state === 'COMPLETED' || view.state === 'FAILED',
    (view) => {
      const restored = view.steps.filter((s) => s.state === 'RESTORED').length;
      const current = view.steps.find((s) => s.state === 'RESTORING');
      return `restore ${view.backupId}: ${view.state} ${restored}/${view.steps.length} snapshots${current ? ` (restoring ${current.snapshot})` : ''}`;
    },
  );
  if (typeof final === 'number') return final;
  output.out(line.json ? final.text : describeRestore(final.json, output.width));
  return final.json.state === 'COMPLETED' ? EXIT.ok : EXIT.failed;
}

async function restoreStatus(
  client: ApiClient,
  id: string,
  line: CommandLine,
  output: Output,
): Promise<ExitCode> {
  const answer = await client.call<RestoreView>('GET', `/restores/${id}`);
  if (answer.status !== 200) return refused(answer, output);
  output.out(line.json ? answer.text : describeRestore(answer.json, output.width));
  if (answer.json.state === 'COMPLETED') return EXIT.ok;
  return answer.json.state === 'FAILED' ? EXIT.failed : EXIT.inProgress;
}

async function listRestores(client: ApiClient, line: CommandLine, output: Output): Promise<ExitCode> {
  const answer = await client.call<RestoreView[]>('GET', '/restores');
  if (answer.status !== 200) return refused(answer, output);
  output.out(line.json ? answer.text : formatRestoreList(answer.json, output.width));
  return EXIT.ok;
}

async function showSchedules(client: ApiClient, line: CommandLine, output: Output): Promise<ExitCode> {
  const answer = await client.call<ScheduleView[]>('GET', '/schedules');
  if (answer.status !== 200) return refused(answer, output);
  output.out(line.json ? answer.text : formatSchedules(answer.json, output.width));
  return EXIT.ok;
}

async function runSchedule(
  client: ApiClient,
  name: string | undefined,
  line: CommandLine,
  output: Output,
): Promise<ExitCode> {
  const schedule = name ?? DEFAULT_SCHEDULE;
  const answer = await client.call<ScheduleRunAnswer>(
    'POST',
    `/schedules/${encodeURIComponent(schedule)}/run`,
    {},
  );
  if (answer.status !== 202) return refused(answer, output);
  if (line.json) {
    output.out(answer.text);
    return EXIT.ok;
  }
  output.out(`Backup ${answer.json.backupId} started by schedule ${schedule}`);
  const retention = answer.json.retention;
  if (retention?.error) output.err(`Retention failed: ${retention.error}`);
  else if (retention) {
    output.out(
      `Retention deleted ${retention.deleted.length > 0 ? retention.deleted.join(', ') : 'nothing'}`,
    );
  }
  return EXIT.ok;
}

/** Polls until `done`, printing a progress line on stderr whenever it changes (not with --json). */
async function waitFor<T>(
  client: ApiClient,
  path: string,
  line: CommandLine,
  output: Output,
  done: (view: T) => boolean,
  progress: (view: T) => string,
): Promise<ApiAnswer<T> | ExitCode> {
  const deadline = Date.now() + line.timeoutSeconds * 1000;
  let shown = '';
  for (;;) {
    const answer = await client.call<T>('GET', path);
    if (answer.status !== 200) return refused(answer, output);
    const text = progress(answer.json);
    if (!line.json && text !== shown) output.err(text);
    shown = text;
    if (done(answer.json)) return answer;
    if (Date.now() > deadline) {
      output.err(`Still not finished after --timeout ${line.timeoutSeconds} s`);
      return EXIT.failed;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function refused(answer: ApiAnswer<unknown>, output: Output): ExitCode {
  output.err(`Error ${answer.status}: ${(answer.json as ErrorBody | undefined)?.message ?? answer.text}`);
  return exitCodeOfStatus(answer.status);
}

function idOf(text: string): string {
  if (!/^\d+$/.test(text)) throw new UsageError(`a backup ID is a positive integer, got "${text}"`);
  return text;
}
