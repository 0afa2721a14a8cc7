import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { watchTabState } from '@/lib/tabs/tab-state';
import type { TabState } from '@/lib/tabs/tab-state';

export type ActiveTab = { phase: 'loading' } | { phase: 'ready'; tabId: number | null; state: TabState | null };

/** The focused tab and what it shows; needs no "tabs" permission (only the id is read). */
export function useActiveTab(): ActiveTab {
  const [active, setActive] = useState<ActiveTab>({ phase: 'loading' });
  useEffect(() => {
    let unwatch: (() => void) | undefined;
    let cancelled = false;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (cancelled) return;
      const tabId = tab?.id;
      if (tabId === undefined) return setActive({ phase: 'ready', tabId: null, state: null });
      unwatch = watchTabState(tabId, (state) => setActive({ phase: 'ready', tabId, state }));
    });
    return () => {
      cancelled = true;
      unwatch?.();
    };
  }, []);
  return active;
}
