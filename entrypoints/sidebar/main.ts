// The sidebar boots in two steps so the person shows at once: this small module finds the
// frame's tab and paints the identity as text; the React app, Dexie and zod follow.
import { browser } from 'wxt/browser';
import '@/components/ui/theme.css';
import { paintFirst } from '@/components/sidebar/first-paint';
import { focusAfterPaint, requestSidebarFocus } from '@/components/sidebar/focus-request';
import { BOOT_MARK, STATE_READ_MARK, TAB_KNOWN_MARK } from '@/components/sidebar/marks';
import { onMessage, sendMessage } from '@/lib/messaging';
import { readRawTabState } from '@/lib/tabs/tab-storage';

/** The tab this frame is in; the page cannot forge either answer. */
async function currentTabId(): Promise<number | null> {
  // Chromium answers for a frame inside a page without waking the service worker.
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  if (tab?.id !== undefined) return tab.id;
  const hello = await sendMessage('sidebarHello', undefined).catch(() => null);
  return hello?.tabId ?? null;
}

async function boot() {
  performance.mark(BOOT_MARK);
  const root = document.getElementById('root')!;
  const tabIdKnown = currentTabId();
  // Listening from the start: on a slow load the keyboard can arrive before anything is painted.
  onMessage('focusSidebar', async ({ sender }) => {
    if (sender.id === browser.runtime.id && sender.frameId === 0 && sender.tab?.id === (await tabIdKnown)) requestSidebarFocus(document);
  });
  const tabId = await tabIdKnown;
  performance.mark(TAB_KNOWN_MARK);
  if (tabId !== null) {
    const state = await readRawTabState(tabId);
    performance.mark(STATE_READ_MARK);
    paintFirst(root, state);
    focusAfterPaint(document);
  }
  const { mountSidebar } = await import('./app');
  mountSidebar(root, tabId);
}

void boot();
