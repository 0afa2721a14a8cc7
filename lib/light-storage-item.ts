import { browser } from 'wxt/browser';

/**
 * A `browser.storage` item kept as WXT's storage items keep them (the same key in the same area,
 * the value as is), without WXT's storage library: it and its lock are 8.5 KB minified, for the
 * few calls that scripts which must stay small make (the content scripts, with a 30 KB budget,
 * and the sidebar's boot script, which paints before anything else loads).
 */
export interface LightItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back with each new value (the fallback when removed); returns the unwatch. */
  watch(callback: (value: T) => void): () => void;
}

export function lightItem<T>(area: 'local' | 'session', key: string, fallback: T): LightItem<T> {
  const storage = () => browser.storage[area];
  return {
    async getValue() {
      const stored = await storage().get(key);
      return (stored[key] as T | undefined) ?? fallback;
    },
    setValue: (value) => storage().set({ [key]: value }),
    removeValue: () => storage().remove(key),
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
        if (changedArea === area && key in changes) callback((changes[key]!.newValue as T | undefined) ?? fallback);
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}
