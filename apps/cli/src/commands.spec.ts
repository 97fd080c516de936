import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCommandLine } from './command-line.js';
import { runCommand } from './commands.js';
import { EXIT } from './exit-codes.js';
import type { Output } from './output.js';

/** A terminal (or not) whose user answers every question with `answer`. */
function terminal(answer: boolean, interactive = true): Output & { questions: string[]; lines: string[] } {
  const questions: string[] = [];
  const lines: string[] = [];
  return {
    questions,
    lines,
    out: (text) => lines.push(text),
    err: (text) => lines.push(text),
    width: 100,
    interactive,
    confirm: async (question) => {
      questions.push(question);
      return answer;
    },
  };
}

/** A stand-in orchestrator that knows backup 5 (optimize, zeebe) and records the calls it gets. */
describe('backup delete asks first', () => {
  let server: Server;
  let url: string;
  const calls: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      calls.push(`${request.method} ${request.url}`);
      if (request.url !== '/api/v1/backups/5') {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"No backup"}');
      } else if (request.method === 'DELETE') response.writeHead(204).end();
      else {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"backupId":5,"state":"COMPLETED","components":{"optimize":{},"zeebe":{}}}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    calls.length = 0;
  });

  const run = (output: Output, ...words: string[]) =>
    runCommand(parseCommandLine(['backup', 'delete', ...words, '--url', url], {}), output);

  it('names the backup and its components, and deletes only on yes', async () => {
    const declined = terminal(false);
    expect(await run(declined, '5')).toBe(EXIT.failed);
    expect(declined.questions).toEqual(['Delete backup 5 (optimize, zeebe)?']);
    expect(calls).toEqual(['GET /api/v1/backups/5']);

    const confirmed = terminal(true);
    expect(await run(confirmed, '5')).toBe(EXIT.ok);
    expect(calls).toEqual(['GET /api/v1/backups/5', 'GET /api/v1/backups/5', 'DELETE /api/v1/backups/5']);
    expect(confirmed.lines).toEqual(['Backup 5 deleted']);
  });

  it('does not ask about a backup that does not exist', async () => {
    const output = terminal(true);
    expect(await run(output, '6')).toBe(EXIT.notFound);
    expect(output.questions).toEqual([]);
    expect(calls).toEqual(['GET /api/v1/backups/6']);
  });

  it('refuses without a terminal unless --yes, and --yes does not ask', async () => {
    const script = terminal(true, false);
    expect(await run(script, '5')).toBe(EXIT.usage);
    expect(script.lines[0]).toMatch(/Refusing to delete backup 5 without confirmation.*--yes/);
    expect(calls).toEqual([]);

    expect(await run(script, '5', '--yes')).toBe(EXIT.ok);
    expect(script.questions).toEqual([]);
    expect(calls).toEqual(['DELETE /api/v1/backups/5']);
  });
});
