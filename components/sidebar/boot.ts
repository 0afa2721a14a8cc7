import { browser } from 'wxt/browser';
import { handOver } from './boot-handoff';
import { paintFirst, removeFirstPaint } from './first-paint';
import { focusAfterPaint, requestSidebarFocus } from './focus-request';
import { BOOT_MARK, STATE_READ_MARK, TAB_KNOWN_MARK } from './marks';
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

/**
 * The app's container. The boot runs from the document's head; the body is parsed by the time
 * the tab is known, else right after ('interactive' comes before the app's modules have run).
 */
function sidebarRoot(doc: Document): Promise<HTMLElement> {
  const root = () => doc.getElementById('root');
  const now = root();
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => doc.addEventListener('readystatechange', () => resolve(root()!), { once: true }));
}

/**
 * The sidebar's first step, run by the classic boot script as the frame's document is parsed:
 * the theme, the person's name painted as text from the tab state, and the keyboard's requests
 * heard from the start (on a slow load they can arrive before anything is painted). A classic
 * script with its style sheet inside is one request after the document, where the modules were
 * four and a style sheet issued one after another (the frame's boot traced in the README).
 */
export function bootSidebar(doc: Document, themeCss: string): void {
  performance.mark(BOOT_MARK);
  const style = doc.createElement('style');
  style.textContent = themeCss;
  doc.head.append(style);
  const tabIdKnown = currentTabId();
  onMessage('focusSidebar', async ({ sender }) => {
    if (sender.id === browser.runtime.id && sender.frameId === 0 && sender.tab?.id === (await tabIdKnown)) requestSidebarFocus(doc);
  });
  const painted = tabIdKnown.then(async (tabId) => {
    performance.mark(TAB_KNOWN_MARK);
    if (tabId !== null) {
      const state = await readRawTabState(tabId);
      performance.mark(STATE_READ_MARK);
      paintFirst(await sidebarRoot(doc), state);
      focusAfterPaint(doc);
    }
    return tabId;
  });
  handOver(doc.defaultView!, { painted, removeFirstPaint });
}
