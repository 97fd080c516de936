import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (`*.spec.ts`) and need nothing running.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    globals: true,
    include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'scripts/**/*.spec.ts', 'bench/**/*.spec.ts'],
    environment: 'node',
  },
});
