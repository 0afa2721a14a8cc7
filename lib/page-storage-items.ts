import { browser } from 'wxt/browser';

/**
 * The storage items content scripts read (re-exported with all the others from
 * lib/storage-items.ts). Kept as WXT's storage items keep them (the same key in
 * `browser.storage.local`, the value as is), but without WXT's storage library: it and its lock
 * are 8.5 KB minified, more than a quarter of each content script's 30 KB budget, for three calls.
 */
export interface LocalItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** Calls back with each new value (the fallback when removed); returns the unwatch. */
  watch(callback: (value: T) => void): () => void;
}

function localItem<T>(key: string, fallback: T): LocalItem<T> {
  return {
    async getValue() {
      const stored = await browser.storage.local.get(key);
      return (stored[key] as T | undefined) ?? fallback;
    },
    setValue: (value) => browser.storage.local.set({ [key]: value }),
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && key in changes) callback((changes[key]!.newValue as T | undefined) ?? fallback);
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

/** Whether the member collapsed the sidebar (for every profile; the content script reads it). */
export const sidebarCollapsed = localItem<boolean>('sidebarCollapsed', false);

/**
 * The sidebar's width and whether it pushes the page (Options, and the sidebar's width button;
 * the content script reads it, so it holds nothing of the team's). Unparsed: read with
 * `readLayout` (lib/page/sidebar-layout.ts).
 */
export const sidebarLayout = localItem<unknown>('sidebarLayout', null);

/**
 * Where Tandem shows, the page or the browser's side panel (Options; the content script reads it
 * to mount the frame or not). Unparsed: read with `readPlace` (lib/page/sidebar-place.ts).
 */
export const sidebarPlace = localItem<unknown>('sidebarPlace', null);
