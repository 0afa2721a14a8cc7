import type { Page } from 'playwright-core';

/** A raw IndexedDB row, read from an extension page (the same Dexie database as the worker's). */
export function readRow(page: Page, table: string, key: string): Promise<unknown> {
  return page.evaluate(
    ([table, key]) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('tandem');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const get = open.result.transaction(table).objectStore(table).get(key);
          get.onsuccess = () => (resolve(get.result), open.result.close());
          get.onerror = () => reject(new Error(String(get.error)));
        };
      }),
    [table, key] as const,
  );
}
