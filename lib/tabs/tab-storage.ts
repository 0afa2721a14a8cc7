import { browser } from 'wxt/browser';
import type { TabState } from './tab-state';

/**
 * Tab states in `storage.session`, unparsed. Kept free of zod so the sidebar's first paint
 * can read the identity before the rest of the app has loaded; callers validate what they use.
 */
export const tabStateKey = (tabId: number) => `tab:${tabId}`;

export async function writeTabState(tabId: number, state: TabState): Promise<void> {
  await browser.storage.session.set({ [tabStateKey(tabId)]: state });
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(tabStateKey(tabId));
}

export async function readRawTabState(tabId: number): Promise<unknown> {
  const key = tabStateKey(tabId);
  return (await browser.storage.session.get(key))[key];
}

/** Calls `onChange` with the stored value now and whenever it changes; returns the unsubscribe. */
export function watchRawTabState(tabId: number, onChange: (value: unknown) => void): () => void {
  const key = tabStateKey(tabId);
  let stopped = false;
  let changed = false;
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'session' || !(key in changes)) return;
    changed = true;
    onChange(changes[key]?.newValue);
  };
  browser.storage.onChanged.addListener(listener);
  void readRawTabState(tabId).then((value) => {
    // A change that arrived while reading is newer than what was read.
    if (!stopped && !changed) onChange(value);
  });
  return () => {
    stopped = true;
    browser.storage.onChanged.removeListener(listener);
  };
}
