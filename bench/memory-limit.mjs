// The daemon's memory limit as deployed (deploy/kubernetes), and a Linux memory cgroup that applies it
// to a process the bench starts. Node sizes V8's heap from the limit of its cgroup (young generation
// 2.5 MiB and heap limit 259 MiB under 512 MiB, against 128 MiB and 4 GiB on a 24 GiB machine
// without one), so the daemon's memory behaviour is measured as it runs in the deployment.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../scripts/lib/app-processes.mjs';

const UNITS = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };

/** `resources.limits.memory` of the daemon's container in the shipped manifest, in bytes. */
export function deployedMemoryLimitBytes() {
  const manifest = readFileSync(join(root, 'deploy', 'kubernetes', 'base', 'deployment.yaml'), 'utf8');
  const match = /limits:\s*\{\s*memory:\s*(\d+)(Ki|Mi|Gi)\s*\}/.exec(manifest);
  if (!match) throw new Error('deploy/kubernetes/base/deployment.yaml: no `limits: { memory: … }` found');
  return Number(match[1]) * UNITS[match[2]];
}

/**
 * A fresh memory cgroup limited to `limitBytes` (cgroup v2, else v1), or `{ unavailable: reason }`
 * where this process may not create one (not root, no memory controller, not Linux). `procsFile`:
 * write a pid there to move that process in; `remove()` once its processes have exited.
 */
export function createMemoryCgroup(limitBytes, name) {
  const v2 = '/sys/fs/cgroup';
  const v1 = '/sys/fs/cgroup/memory';
  const candidates = [];
  if (
    existsSync(join(v2, 'cgroup.controllers')) &&
    readFileSync(join(v2, 'cgroup.controllers'), 'utf8').includes('memory')
  )
    candidates.push({ dir: join(v2, name), limitFile: 'memory.max' });
  if (existsSync(join(v1, 'memory.limit_in_bytes')))
    candidates.push({ dir: join(v1, name), limitFile: 'memory.limit_in_bytes' });
  const problems = [];
  for (const { dir, limitFile } of candidates) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, limitFile), String(limitBytes));
      return { procsFile: join(dir, 'cgroup.procs'), remove: () => rmdirSync(dir) };
    } catch (error) {
      problems.push(`${dir}: ${error.message}`);
      try {
        rmdirSync(dir);
      } catch {
        // not created
      }
    }
  }
  return {
    unavailable: problems.join('; ') || 'no writable memory cgroup hierarchy (Linux cgroup v1 or v2)',
  };
}

/** The command line that starts `command` (file and arguments) inside the cgroup of `procsFile`. */
export function commandInCgroup(procsFile, command) {
  // A shell moves itself into the cgroup, then becomes the command (same pid): Node starts inside it.
  return ['/bin/sh', '-c', 'echo $$ > "$0" && exec "$@"', procsFile, ...command];
}
