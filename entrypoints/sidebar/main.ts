// The sidebar boots in two steps so the person shows at once: this small module finds the
// frame's tab and paints the identity as text; the React app, Dexie and zod follow.
import { browser } from 'wxt/browser';
import '@/components/ui/theme.css';
import { paintFirst } from '@/components/sidebar/first-paint';
import { readRawTabState } from '@/lib/tabs/tab-storage';

async function boot() {
  const root = document.getElementById('root')!;
  // In a frame inside a page, "current tab" is the page's tab (the page cannot forge it).
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  const tabId = tab?.id ?? null;
  if (tabId !== null) paintFirst(root, await readRawTabState(tabId));
  const { mountSidebar } = await import('./app');
  mountSidebar(root, tabId);
}

void boot();
