import { defineConfig } from 'vitest/config';

// `npm run soak`: long, randomised fault runs; not part of `npm test`.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    globals: true,
    include: ['test/soak/**/*.soak-spec.ts'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 120_000,
  },
});
