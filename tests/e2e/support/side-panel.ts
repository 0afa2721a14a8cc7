import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import type { ExtensionBrowser } from './chromium';

export interface SidePanel {
  page: Page;
  close(): Promise<void>;
}

/**
 * The extension's side panel as a Playwright page. Chromium (headless too) runs an open side
 * panel as a `page` target, but Playwright's own connection attaches only to tabs and never
 * reports it; a second connection over CDP (`launchWithExtension({ debuggingPort: true })`)
 * lists it among its pages, if the panel was open when it connected. So: open the panel first
 * (a member's action, such as choosing it in Options), then call this.
 */
export async function connectToSidePanel(browser: ExtensionBrowser): Promise<SidePanel> {
  const port = readFileSync(path.join(browser.userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const url = browser.extensionUrl('sidepanel.html');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const cdp: Browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const page = cdp.contexts().flatMap((c) => c.pages()).find((p) => p.url() === url);
    // Closing a connection over CDP disconnects; it leaves the browser and its pages open.
    if (page) return { page, close: () => cdp.close() };
    await cdp.close();
    if (Date.now() > deadline) throw new Error('The side panel did not open');
    await new Promise((r) => setTimeout(r, 100));
  }
}
