import { execFileSync } from 'node:child_process';
import { commandInCgroup, createMemoryCgroup, deployedMemoryLimitBytes } from './memory-limit.mjs';

describe('the memory probe under the deployed limit', () => {
  it('reads the container limit of the shipped manifest', () => {
    expect(deployedMemoryLimitBytes()).toBe(512 * 1024 * 1024);
  });

  it('starts Node inside a cgroup of that limit, which sizes its heap from it (or says why it cannot)', () => {
    const limit = deployedMemoryLimitBytes();
    const cgroup = createMemoryCgroup(limit, `cbo-bench-spec-${process.pid}`);
    if (cgroup.unavailable !== undefined) {
      // Not root or no memory controller: the bench then reports the probe as unlimited.
      expect(cgroup.unavailable).toMatch(/\S/);
      return;
    }
    try {
      const script = 'console.log(require("v8").getHeapStatistics().heap_size_limit)';
      const [file, ...args] = commandInCgroup(cgroup.procsFile, [process.execPath, '-e', script]);
      const heapLimit = Number(execFileSync(file!, args, { encoding: 'utf8' }).trim());
      const unlimitedHeap = Number(
        execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim(),
      );
      expect(heapLimit).toBeLessThan(limit);
      expect(heapLimit).toBeLessThan(unlimitedHeap);
    } finally {
      cgroup.remove();
    }
  });
});
