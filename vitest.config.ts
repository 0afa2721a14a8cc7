import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const APP_TESTS = ['tests/unit', 'tests/component'];
/**
 * The app's test files that replace a module with `vi.mock`. A mock only takes if the module is
 * imported afresh, so these run isolated; the rest share a worker's environment and imports.
 */
const MOCKING = APP_TESTS.flatMap((dir) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.test\.tsx?$/.test(f))
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')))
    .filter((f) => readFileSync(f, 'utf8').includes('vi.mock(')),
);
const app = {
  environment: 'happy-dom',
  include: APP_TESTS.map((dir) => `${dir}/**/*.test.{ts,tsx}`),
  setupFiles: ['tests/setup.ts'],
  // Above testing-library's 5 s waits (tests/setup.ts), so a slow wait fails as itself.
  testTimeout: 20_000,
};

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    restoreMocks: true,
    // As testing-library's waits (tests/setup.ts): Vitest's default, 1 s, is short for a loaded machine.
    expect: { poll: { timeout: 5_000 } },
    // Vitest leaves a core to itself (cores − 1): one worker on CI's two. Two took the run
    // from 1,079 s to 701 s there.
    maxWorkers: 2,
    projects: [
      {
        // One environment and one set of imports per worker, not per file: happy-dom and the
        // imports were about 60 % of this project's time (205 s → 73 s on two cores).
        extends: true,
        test: { ...app, name: 'app', isolate: false, exclude: MOCKING },
      },
      {
        extends: true,
        test: { ...app, name: 'app-mocking', include: MOCKING },
      },
      {
        // The server against embedded PGlite and a real Postgres (started for the run). Its files
        // share a worker's imports too (none replaces a module): 397 s → 325 s on two cores.
        extends: true,
        test: {
          name: 'server',
          isolate: false,
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
