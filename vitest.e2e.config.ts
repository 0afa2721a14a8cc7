import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// The built extension in real Chromium; `npm run test:e2e` builds first.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One file at a time: two Chromiums with their servers on two cores (load 8-10) made the
    // timed waits of the longest flows (a second tab's poll, a 60 s review round) fail.
    fileParallelism: false,
    // The files share the worker's imports (each starts its own browsers and servers, and closes
    // them): 636 → 566 s for the 27 files on two cores.
    isolate: false,
    // Vitest's default, 1 s, is less than a new tab's sidebar takes to boot and read on a loaded
    // machine: a poll that waits for something to show failed where the page was only slow.
    expect: { poll: { timeout: 10_000 } },
  },
});
