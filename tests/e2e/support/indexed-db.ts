import type { Page } from 'playwright-core';

/** One request on a store of the extension's IndexedDB (the same Dexie database as the worker's), from an extension page. */
function request(page: Page, table: string, op: { get: string } | { put: unknown }): Promise<unknown> {
  return page.evaluate(
    ([table, op]) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('tandem');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const store = open.result.transaction(table, 'get' in op ? 'readonly' : 'readwrite').objectStore(table);
          const req = 'get' in op ? store.get(op.get) : store.put(op.put);
          req.onsuccess = () => (resolve('get' in op ? req.result : undefined), open.result.close());
          req.onerror = () => reject(new Error(String(req.error)));
        };
      }),
    [table, op] as const,
  );
}

/** A raw IndexedDB row. */
export function readRow(page: Page, table: string, key: string): Promise<unknown> {
  return request(page, table, { get: key });
}

/** Writes a raw row, past Dexie: pages' live queries do not hear of it until they read again. */
export async function writeRow(page: Page, table: string, row: unknown): Promise<void> {
  await request(page, table, { put: row });
}
