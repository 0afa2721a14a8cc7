import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Live queries answer after an IndexedDB round trip; on a loaded 2-core machine that can take
// longer than testing-library's 1 s default, which made waits fail that would have succeeded.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());
