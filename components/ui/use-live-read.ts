import { useLiveQuery } from 'dexie-react-hooks';
import { useRef } from 'react';

/**
 * A live query whose first run reads in one transaction (`batched`) and whose runs after a change
 * read outside one (`cached`). A first read finds nothing in Dexie's cache of live queries, and
 * in Chromium a transaction per read is what costs; that cache answers only reads made outside an
 * explicit transaction, so after a change the reads it did not touch cost nothing.
 */
export function useLiveRead<T>(batched: () => Promise<T>, cached: () => Promise<T>, deps: unknown[]): T | undefined {
  const ran = useRef<unknown[] | null>(null);
  return useLiveQuery(() => {
    const first = ran.current === null || ran.current.length !== deps.length || ran.current.some((d, i) => d !== deps[i]);
    ran.current = deps;
    return first ? batched() : cached();
  }, deps);
}
