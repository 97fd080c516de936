import { UnreachableError } from './api-client.js';
import { parseCommandLine, USAGE, UsageError } from './command-line.js';
import { runCommand } from './commands.js';
import { EXIT } from './exit-codes.js';
import { processOutput } from './output.js';

/** `camunda-backup`: the operators' client of the orchestrator API. */
async function main(): Promise<number> {
  try {
    const line = parseCommandLine(process.argv.slice(2), process.env);
    if (line.help || line.words.length === 0) {
      processOutput.out(USAGE);
      return line.help ? EXIT.ok : EXIT.usage;
    }
    return await runCommand(line, processOutput);
  } catch (error) {
    if (error instanceof UsageError) {
      processOutput.err(`${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (error instanceof UnreachableError) {
      processOutput.err(error.message);
      return EXIT.unavailable;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exitCode = EXIT.unavailable;
  },
);
