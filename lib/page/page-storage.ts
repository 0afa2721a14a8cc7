import { browser } from 'wxt/browser';
import type { LocalKey } from '@/lib/storage-keys';

/**
 * The content script's way to the few `local:` storage items it needs, stored exactly as WXT's
 * typed items store them (plain values under the key without its area), so both read the same.
 * Values are unchecked here, as with the items: the caller parses what it reads.
 */
const areaKey = (key: LocalKey) => key.slice('local:'.length);

export async function readLocal(key: LocalKey): Promise<unknown> {
  const name = areaKey(key);
  return (await browser.storage.local.get(name))[name];
}

export function writeLocal(key: LocalKey, value: unknown): Promise<void> {
  return browser.storage.local.set({ [areaKey(key)]: value });
}

/** Calls `onChange` with each new value (undefined when removed); returns the unwatch. */
export function watchLocal(key: LocalKey, onChange: (value: unknown) => void): () => void {
  const name = areaKey(key);
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && name in changes) onChange(changes[name]!.newValue);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
