import { useEffect, useState } from 'react';
import type { LightItem } from '@/lib/light-storage-item';

/**
 * A stored setting, live (another page or the content script may change it), read through
 * `read`; `initial` until the stored value arrives. The setter changes only what this page shows
 * (for a change it is also saving).
 */
export function useWatchedItem<T>(item: LightItem<unknown>, read: (value: unknown) => T, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    let changed = false;
    const unwatch = item.watch((stored) => {
      changed = true;
      setValue(read(stored));
    });
    void item.getValue().then((stored) => !changed && setValue(read(stored)));
    return unwatch;
  }, [item, read]);
  return [value, setValue];
}
