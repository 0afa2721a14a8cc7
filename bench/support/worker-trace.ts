import type { ExtensionBrowser } from '../../tests/e2e/support/chromium';

type Hops = Record<string, number>;

/**
 * Notes in the extension's worker when each tab state is stored (`worker stored <status> <key>`,
 * the first time each), on the epoch clock pages use; `read` takes them and starts again. Page
 * reports come on a port, which a listener added here cannot hear: storing is the worker's hop.
 */
export async function traceWorkerStores(ext: ExtensionBrowser): Promise<{ read(): Promise<Hops> }> {
  await ext.serviceWorker.evaluate('globalThis.__name = (f) => f');
  await ext.serviceWorker.evaluate(() => {
    const g = globalThis as unknown as { __trace: Hops };
    g.__trace = {};
    const now = () => performance.timeOrigin + performance.now();
    chrome.storage.session.onChanged.addListener((changes) => {
      for (const [key, change] of Object.entries(changes)) {
        const v = change.newValue as { status?: string; identity?: { key?: string } } | undefined;
        if (key.startsWith('tab:') && v?.status) g.__trace[`worker stored ${v.status}${v.identity?.key ? ` ${v.identity.key}` : ''}`] ??= now();
      }
    });
  });
  return {
    read: () =>
      ext.serviceWorker.evaluate(() => {
        const g = globalThis as unknown as { __trace: Hops };
        const hops = g.__trace;
        g.__trace = {};
        return hops;
      }),
  };
}
