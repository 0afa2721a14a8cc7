import { browser } from 'wxt/browser';
import { defineBackground } from '#imports';
import { onMessage, sendMessage } from '@/lib/messaging';
import { adapterFor } from '@/lib/sites';
import { tabStateFromReport } from '@/lib/tabs/tab-state';
import { forgetTab, writeTabState } from '@/lib/tabs/tab-storage';

export default defineBackground(() => {
  // Only a content script in a tab's top frame speaks for that tab.
  onMessage('reportPage', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== 0 || sender.id !== browser.runtime.id) return;
    await writeTabState(tabId, tabStateFromReport(data, Date.now()));
  });

  onMessage('sidebarHello', ({ sender }) => {
    const tabId = sender.tab?.id;
    return tabId !== undefined && isSidebarFrame(sender) ? { tabId } : null;
  });

  onMessage('setSidebarOpen', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !isSidebarFrame(sender)) return;
    await sendMessage('showSidebar', data === true, { tabId, frameId: 0 }).catch(() => undefined);
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'toggle-sidebar' || tab?.id === undefined) return;
    void sendMessage('showSidebar', 'toggle', { tabId: tab.id, frameId: 0 }).catch(() => undefined);
  });

  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  // A tab that left the supported sites shows nobody. (Without host permission for the new
  // page the browser hides its URL, which also means it is not a supported site.)
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading' && change.url === undefined) return;
    if (!tab.url || !adapterFor(safeUrl(tab.url))) void forgetTab(tabId);
  });
});

/** Our sidebar page, whichever (per-session, dynamic) origin the browser served it from. */
function isSidebarFrame(sender: { id?: string; url?: string }): boolean {
  return sender.id === browser.runtime.id && sender.url !== undefined && safeUrl(sender.url).pathname === '/sidebar.html';
}

function safeUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    return new URL('about:blank');
  }
}
