import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/web/tests/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    // Browser tests start a server and chromium: give them room on a two-core machine.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
