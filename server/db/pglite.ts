import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database';
import { copyText } from './copy-text';

/**
 * Embedded Postgres in a folder (or in memory when `dataDir` is undefined). One process may
 * open a folder at a time; PGlite runs one query at a time, so transactions are serialised.
 * `from`: a tarball of a data folder (PGlite's `dumpDataDir`) to start from instead of an empty one.
 */
export async function openPglite(dataDir?: string, { from }: { from?: Blob } = {}): Promise<Database> {
  return pgliteDatabase(await PGlite.create(dataDir, from ? { loadDataDir: from } : {}));
}

/** An open PGlite as the server's Database. */
export function pgliteDatabase(pg: PGlite): Database {
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      return (await q.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    // PGlite reads COPY's input from the virtual file /dev/blob, given with the query.
    async copyRows(table, columns, rows) {
      await q.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([copyText(rows)]) });
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    // In-process: nothing to lose, so never a gap.
    async listen(channels, { onNotify }) {
      const stops = await Promise.all(channels.map((channel) => pg.listen(channel, (payload) => onNotify(channel, payload))));
      return async () => {
        if (pg.closed) return;
        for (const stop of stops) await stop();
      };
    },
    close: () => pg.close(),
  };
}
