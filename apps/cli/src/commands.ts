import { type ApiAnswer, ApiClient } from './api-client.js';
import type { CommandLine } from './command-line.js';
import { UsageError } from './command-line.js';
import { backupProgress, describeBackup } from './describe-backup.js';
import { EXIT, type ExitCode, exitCodeOfStatus } from './exit-codes.js';
import type { Output } from './output.js';
import { formatTable } from './table.js';
import type { AcceptedBackup, AcceptedRestore, BackupView, ErrorBody, RestoreView } from './views.js';

const POLL_MS = 500;

/** Runs one command; returns the exit code. */
export async function runCommand(line: CommandLine, output: Output): Promise<ExitCode> {
  const client = new ApiClient(line.url, process.env.CAMUNDA_BACKUP_TOKEN);
  const [first, second, third, ...rest] = line.words;
  if (first === 'backup' && second === 'create' && third === undefined)
    return createBackup(client, line, output);
  if (first === 'backup' && second === 'list' && third === undefined)
    return listBackups(client, line, output);
  if (first === 'backup' && second === 'status' && third && rest.length === 0) {
    return backupStatus(client, idOf(third), line, output);
  }
  if (first === 'backup' && second === 'delete' && third && rest.length === 0) {
    return deleteBackup(client, idOf(third), line, output);
  }
  if (first === 'restore' && second && third === undefined)
    return restore(client, idOf(second), line, output);
  throw new UsageError(`unknown command "${line.words.join(' ')}"`);
}

async function createBackup(client: ApiClient, line: CommandLine, output: Output): Promise<ExitCode> {
  const answer = await client.call<AcceptedBackup>('POST', '/backups', {
    ...(line.id === undefined ? {} : { backupId: idOf(line.id) }),
    ...(line.components === undefined ? {} : { components: line.components }),
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
  output.out(line.json ? final.text : describeBackup(final.json));
  return final.json.state === 'COMPLETED' ? EXIT.ok : EXIT.failed;
}

async function listBackups(client: ApiClient, line: CommandLine, output: Output): Promise<ExitCode> {
  const answer = await client.call<{ backups: BackupView[] }>('GET', '/backups');
  if (answer.status !== 200) return refused(answer, output);
  if (line.json) {
    output.out(answer.text);
    return EXIT.ok;
  }
  const rows = answer.json.backups.map((view) => [
    view.backupId,
    view.state,
    view.trigger,
    view.acceptedAt,
    Object.keys(view.components).join(','),
  ]);
  output.out(formatTable(['ID', 'STATE', 'TRIGGER', 'ACCEPTED', 'COMPONENTS'], rows));
  return EXIT.ok;
}

async function backupStatus(
  client: ApiClient,
  id: string,
  line: CommandLine,
  output: Output,
): Promise<ExitCode> {
  const answer = await client.call<BackupView>('GET', `/backups/${id}`);
  if (answer.status !== 200) return refused(answer, output);
  output.out(line.json ? answer.text : describeBackup(answer.json));
  if (answer.json.state === 'COMPLETED') return EXIT.ok;
  return answer.json.finished ? EXIT.failed : EXIT.inProgress;
}

async function deleteBackup(
  client: ApiClient,
  id: string,
  line: CommandLine,
  output: Output,
): Promise<ExitCode> {
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
  if (line.json) output.out(final.text);
  else {
    const view = final.json;
    output.out(
      `Restore of backup ${view.backupId}: ${view.state}${view.failureReason ? ` (${view.failureReason})` : ''}`,
    );
    const rows = view.steps.map((s) => [
      s.component,
      s.snapshot,
      s.state,
      String(s.indices ?? ''),
      String(s.documents ?? ''),
    ]);
    output.out(formatTable(['COMPONENT', 'SNAPSHOT', 'STATE', 'INDICES', 'DOCUMENTS'], rows));
  }
  return final.json.state === 'COMPLETED' ? EXIT.ok : EXIT.failed;
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
