import { defineConfig } from 'vitest/config';

// End-to-end suites: real processes on real ports, against Redis and the sandbox datastore.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    globals: true,
    include: ['test/**/*.e2e-spec.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // e2e suites start their own processes on free ports; two at a time fits 2 cores
    maxWorkers: 2,
  },
});
