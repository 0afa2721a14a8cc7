import { createContext, useContext, type ReactNode } from 'react';
import { type TandemDB, getDb } from '@/lib/db/database';

const DbContext = createContext<TandemDB | null>(null);

/** Components read the database from here, so tests can hand them a fresh one. */
export function DbProvider({ db, children }: { db: TandemDB; children: ReactNode }) {
  return <DbContext.Provider value={db}>{children}</DbContext.Provider>;
}

export function useDb(): TandemDB {
  return useContext(DbContext) ?? getDb();
}
