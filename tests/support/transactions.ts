import type { TandemDB } from '@/lib/db/database';

/**
 * Counts, from now on, the IndexedDB transactions `db` opens (Dexie opens one for each read
 * made outside a transaction). Call before the database opens (middleware joins at open).
 */
export function recordTransactions(db: TandemDB): { count: number } {
  const seen = { count: 0 };
  db.use({
    stack: 'dbcore',
    name: 'transaction-count',
    create: (down) => ({
      ...down,
      transaction: (...args) => {
        seen.count++;
        return down.transaction(...args);
      },
    }),
  });
  return seen;
}
