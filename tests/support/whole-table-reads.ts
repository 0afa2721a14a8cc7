import type { DBCoreQuery } from 'dexie';
import type { TandemDB } from '@/lib/db/database';
import { watchReads } from './watch-reads';

/** Dexie's DBCoreRangeType.Any (a const enum, which isolated modules cannot import). */
const ANY_RANGE = 3;

/** A read with no key range but at most this many rows is bounded, whatever the table holds. */
const BOUNDED_LIMIT = 1_000;

/**
 * Records, from now on, every read of `db` that walks a table or index whole (a query without
 * a small limit, a cursor or a count, with no key range): what grows with the team's history.
 * Call before the database opens (middleware joins at open). Entries read `table` or
 * `table.index`.
 */
export function recordWholeTableReads(db: TandemDB): string[] {
  const seen: string[] = [];
  const note = (table: string, query: DBCoreQuery, limit = Infinity) => {
    if ((query.range.type as number) === ANY_RANGE && limit > BOUNDED_LIMIT) seen.push(query.index.name ? `${table}.${query.index.name}` : table);
  };
  watchReads(db, 'whole-table-reads', {
    query: (table, req) => note(table, req.query, req.limit),
    openCursor: (table, req) => note(table, req.query),
    count: (table, req) => note(table, req.query),
  });
  return seen;
}
