import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { installSitePermissionsStandIn } from './support/site-permissions-stand-in';

// Live queries answer after an IndexedDB round trip; on a loaded 2-core machine that can take
// longer than testing-library's 1 s default, which made waits fail that would have succeeded.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());

// WXT's fake browser has no permissions or scripting API; Options → Sites needs both.
beforeEach(() => void installSitePermissionsStandIn());
