import type { Page } from 'playwright-core';

/**
 * Writes rows straight into the extension's `tandem` database from one of its pages (which must
 * have opened it, so it exists at the current schema): raw IndexedDB, since no product code is
 * exposed for it. The page's own Dexie does not see them until it loads again.
 */
export async function seedExtensionDb(page: Page, stores: Record<string, object[]>) {
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tandem');
        open.onerror = () => reject(open.error ?? new Error('could not open tandem'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(Object.keys(rows), 'readwrite');
          for (const [store, list] of Object.entries(rows)) for (const row of list) tx.objectStore(store).put(row);
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error ?? new Error('seeding failed'));
        };
      }),
    stores,
  );
}
