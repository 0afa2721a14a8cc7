// The browser side of the pull benches in Chromium (bench/pull-chromium.ts, bench/first-sign-in.ts):
// a copy of the built extension with bench-pull.html (bench/support/pull-chromium-page.ts), opened
// in Debian's Chromium, and calls into that page.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../tests/e2e/support/chromium';
import { EXTENSION_DIR } from '../../tests/e2e/support/paths';
import { addBenchPage, chromiumPid, onCleanup } from './harness';

/** The built extension copied with bench-pull.html: the sync code and the probes, bundled. */
async function prepareExtension(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-pull-ext-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  onCleanup(remove, remove);
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  await addBenchPage(dir, 'bench/support/pull-chromium-page.ts', 'bench-pull', 'Tandem bench pull');
  return dir;
}

type Page = Awaited<ReturnType<Awaited<ReturnType<typeof launchChromium>>['context']['newPage']>>;

/** Calls `tandemPull[fn](...args)` in the bench page. */
export const call = <T>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(([name, rest]) => (globalThis as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>).tandemPull![name]!(...(rest)), [fn, args] as const) as Promise<T>;

/** Chromium with the bench page open and ready; `close` ends the browser. */
export async function openPullPage() {
  const extensionDir = await prepareExtension();
  const browser = await launchChromium({ extensionDir });
  const close = onCleanup(browser.close, () => undefined);
  const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  await browser.context.addInitScript('globalThis.__name = (f) => f');
  const browserPid = chromiumPid(browser.userDataDir);
  if (browserPid === undefined) throw new Error('could not find the Chromium process');
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${id}/bench-pull.html`);
  await page.waitForFunction(() => 'tandemPull' in globalThis);
  return { page, browserPid, close, userDataDir: browser.userDataDir };
}
