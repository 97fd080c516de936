import { createInterface } from 'node:readline/promises';
import { terminalWidth } from './format.js';

/** Where the CLI writes: results to stdout, progress and errors to stderr; questions on a terminal. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Lines are wrapped to this many characters. */
  readonly width: number;
  /** Whether a person can answer a question (stdin and stderr are terminals). */
  readonly interactive: boolean;
  /** Asks on stderr; true when the answer is y or yes. */
  confirm(question: string): Promise<boolean>;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  get width() {
    return terminalWidth();
  },
  get interactive() {
    return Boolean(process.stdin.isTTY && process.stderr.isTTY);
  },
  async confirm(question) {
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^(y|yes)$/i.test((await prompt.question(`${question} [y/N] `)).trim());
    } finally {
      prompt.close();
    }
  },
};
