import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    restoreMocks: true,
    // Vitest leaves a core to itself (cores − 1): one worker on CI's two. Two took the run
    // from 1,079 s to 701 s there.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'happy-dom',
          include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/component/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/setup.ts'],
          // Above testing-library's 5 s waits (tests/setup.ts), so a slow wait fails as itself.
          testTimeout: 20_000,
        },
      },
      {
        // The server against embedded PGlite and a real Postgres (started for the run).
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['tests/server/**/*.test.ts', 'tests/sync/**/*.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
          globalSetup: ['tests/server/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
