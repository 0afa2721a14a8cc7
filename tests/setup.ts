import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installSitePermissionsStandIn } from './support/site-permissions-stand-in';

// The app's files share a worker's globals (vitest.config.ts): each starts from a fresh fake
// browser, as it would in a worker of its own, and keeps it through a test's `unstubAllGlobals`.
beforeAll(() => fakeBrowser.reset());
beforeEach(() => {
  vi.stubGlobal('chrome', fakeBrowser);
  vi.stubGlobal('browser', fakeBrowser);
});

// Live queries answer after an IndexedDB round trip; on a loaded 2-core machine that can take
// longer than testing-library's 1 s default, which made waits fail that would have succeeded.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());

// WXT's fake browser has no permissions or scripting API; Options → Sites needs both.
beforeEach(() => void installSitePermissionsStandIn());
