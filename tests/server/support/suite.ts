import { afterAll, beforeAll } from 'vitest';
import type { Database } from '@/server/db/database';
import { type DatabaseKind, freshDatabase } from './databases';
import { type App, appFor } from './server';

/** A fresh database of `kind` and the app over it, for the tests of one describe block. */
export function serverFor(kind: DatabaseKind): { db: Database; app: App } {
  const suite = {} as { db: Database; app: App };
  beforeAll(async () => {
    suite.db = await freshDatabase(kind);
    suite.app = appFor(suite.db);
  });
  afterAll(() => suite.db.close());
  return suite;
}
