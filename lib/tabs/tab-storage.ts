import { lightItem } from '@/lib/light-storage-item';
import type { TabState } from './tab-state';

/**
 * What a tab shows, as its content script reported it (lib/tabs/tab-state.ts), kept across
 * service-worker restarts (`storage.session`: memory, out of content scripts' reach). Light
 * (lib/light-storage-item.ts): the sidebar's boot script reads it before anything else loads.
 */
export const tabState = (tabId: number) => lightItem<unknown>('session', `tab:${tabId}`, null);

/**
 * Tab states in `storage.session`, unparsed. Kept free of zod so the sidebar's first paint
 * can read the identity before the rest of the app has loaded; callers validate what they use.
 */
export async function writeTabState(tabId: number, state: TabState): Promise<void> {
  await tabState(tabId).setValue(state);
}

export async function forgetTab(tabId: number): Promise<void> {
  await tabState(tabId).removeValue();
}

export async function readRawTabState(tabId: number): Promise<unknown> {
  return tabState(tabId).getValue();
}

/** Calls `onChange` with the stored value now and whenever it changes; returns the unsubscribe. */
export function watchRawTabState(tabId: number, onChange: (value: unknown) => void): () => void {
  const item = tabState(tabId);
  let stopped = false;
  let changed = false;
  const unwatch = item.watch((value) => {
    changed = true;
    onChange(value);
  });
  void item.getValue().then((value) => {
    // A change that arrived while reading is newer than what was read.
    if (!stopped && !changed) onChange(value);
  });
  return () => {
    stopped = true;
    unwatch();
  };
}
