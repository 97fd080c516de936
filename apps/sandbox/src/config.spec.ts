import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from './config.js';

describe('sandbox configuration: blob-store reads and restores', () => {
  it('defaults reads to free, processors to the machine cores, restores to the snapshot timing', () => {
    const config = loadConfig({ SANDBOX_SNAPSHOT_MIN_MS: '80', SANDBOX_SNAPSHOT_MS_PER_DOC: '3' }, '/tmp');
    expect(config.repositoryReadMs).toBe(0);
    expect(config.allocatedProcessors).toBe(availableParallelism());
    expect(config.restoreMinMs).toBe(80);
    expect(config.restoreMsPerDoc).toBe(3);
  });

  it('reads the variables and names a bad one', () => {
    const config = loadConfig(
      {
        SANDBOX_REPOSITORY_READ_MS: '25',
        SANDBOX_ALLOCATED_PROCESSORS: '4',
        SANDBOX_RESTORE_MIN_MS: '500',
        SANDBOX_RESTORE_MS_PER_DOC: '0.5',
      },
      '/tmp',
    );
    expect(config).toMatchObject({
      repositoryReadMs: 25,
      allocatedProcessors: 4,
      restoreMinMs: 500,
      restoreMsPerDoc: 0.5,
    });
    expect(() => loadConfig({ SANDBOX_ALLOCATED_PROCESSORS: '0' }, '/tmp')).toThrow(ConfigError);
    expect(() => loadConfig({ SANDBOX_REPOSITORY_READ_MS: '-1' }, '/tmp')).toThrow(
      /SANDBOX_REPOSITORY_READ_MS/,
    );
  });
});
