import type { DBCoreCountRequest, DBCoreGetManyRequest, DBCoreOpenCursorRequest, DBCoreQueryRequest } from 'dexie';
import type { TandemDB } from '@/lib/db/database';

/** What a test hears of each read, with the table read. */
export interface ReadWatcher {
  query?(table: string, req: DBCoreQueryRequest): void;
  getMany?(table: string, req: DBCoreGetManyRequest): void;
  openCursor?(table: string, req: DBCoreOpenCursorRequest): void;
  count?(table: string, req: DBCoreCountRequest): void;
  /** The rows a query gave (a cursor's rows are not heard). */
  answered?(table: string, req: DBCoreQueryRequest, rows: unknown[]): void;
}

/**
 * Tells `watcher` of every read of `db` from now on. Call before the database opens (middleware
 * joins at open). `level` 0 hears the reads TandemDB's own middlewares make too (it sits below them).
 */
export function watchReads(db: TandemDB, name: string, watcher: ReadWatcher, level?: number): void {
  db.use({
    stack: 'dbcore',
    name,
    ...(level === undefined ? {} : { level }),
    create: (down) => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName);
        return {
          ...table,
          query: (req) => {
            watcher.query?.(tableName, req);
            const answer = table.query(req);
            return watcher.answered ? answer.then((res) => (watcher.answered!(tableName, req, res.result), res)) : answer;
          },
          getMany: (req) => (watcher.getMany?.(tableName, req), table.getMany(req)),
          openCursor: (req) => (watcher.openCursor?.(tableName, req), table.openCursor(req)),
          count: (req) => (watcher.count?.(tableName, req), table.count(req)),
        };
      },
    }),
  });
}
