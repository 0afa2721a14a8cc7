import { browser } from 'wxt/browser';
import type { PageReport } from '@/lib/messaging';
import { ProspectIdentity } from '@/lib/model';
import { type TabState, parseTabState, tabStateKey } from './tab-state';

/**
 * Turns a content script's report into the tab's state. The identity is page data: it is
 * validated here, at the boundary, and a report that fails becomes "unidentified".
 */
export function tabStateFromReport(report: PageReport, at: number): TabState {
  const url = String(report.url).slice(0, 2048);
  switch (report.status) {
    case 'identified': {
      const identity = ProspectIdentity.safeParse(report.identity);
      return identity.success ? { status: 'identified', url, at, identity: identity.data } : { status: 'unidentified', url, at };
    }
    case 'pending':
    case 'unidentified':
    case 'not_profile':
      return { status: report.status, url, at };
    default:
      return { status: 'unidentified', url, at };
  }
}

export async function writeTabState(tabId: number, state: TabState): Promise<void> {
  await browser.storage.session.set({ [tabStateKey(tabId)]: state });
}

export async function readTabState(tabId: number): Promise<TabState | null> {
  const key = tabStateKey(tabId);
  const items = await browser.storage.session.get(key);
  return parseTabState(items[key]);
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(tabStateKey(tabId));
}

/** Calls `onChange` with the tab's state now and whenever it changes; returns the unsubscribe. */
export function watchTabState(tabId: number, onChange: (state: TabState | null) => void): () => void {
  const key = tabStateKey(tabId);
  let stopped = false;
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'session' && key in changes) onChange(parseTabState(changes[key]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  void readTabState(tabId).then((state) => {
    if (!stopped) onChange(state);
  });
  return () => {
    stopped = true;
    browser.storage.onChanged.removeListener(listener);
  };
}
