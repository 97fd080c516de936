import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Builds the apps (and the CLI) once; every e2e suite then runs the built processes, as an operator would.
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  const nest = join(root, 'node_modules', '.bin', 'nest');
  for (const app of ['sandbox', 'orchestrator', 'cli']) {
    execFileSync(nest, ['build', app], { cwd: root, stdio: 'inherit' });
  }
}
