import type { ExtensionBrowser } from './chromium';

/** The id of the tab showing `url`, as the extension sees it. */
export async function tabIdOf(browser: ExtensionBrowser, url: string): Promise<number> {
  return browser.serviceWorker.evaluate(async (u) => {
    const [tab] = await chrome.tabs.query({ url: u });
    if (tab?.id === undefined) throw new Error(`no tab shows ${u}`);
    return tab.id;
  }, url);
}

/**
 * What the keyboard shortcut does, for a browser that cannot press it (headless Chromium
 * does not deliver browser-level shortcuts): the background's command handler sends
 * `sidebarShortcut` to the tab's top frame (tests/unit/background checks that it does); this
 * sends the same message, in @webext-core/messaging's wire format, from the service worker.
 */
export async function pressSidebarShortcut(browser: ExtensionBrowser, url: string): Promise<void> {
  const tabId = await tabIdOf(browser, url);
  await browser.serviceWorker.evaluate(
    (id) => chrome.tabs.sendMessage(id, { id: 1, type: 'sidebarShortcut', data: undefined, timestamp: Date.now() }, { frameId: 0 }),
    tabId,
  );
}

/** The toolbar badge as the given tab shows it. */
export async function badgeOf(browser: ExtensionBrowser, url: string): Promise<{ text: string; color: number[]; title: string }> {
  const tabId = await tabIdOf(browser, url);
  return browser.serviceWorker.evaluate(
    async (id) => ({
      text: await chrome.action.getBadgeText({ tabId: id }),
      color: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
    }),
    tabId,
  );
}
