import { useEffect, useState } from 'react';
import { sendMessage } from '@/lib/messaging';
import { watchTabState } from '@/lib/tabs/tab-registry';
import type { SidebarConnection } from './sidebar-app';

/** Asks the background which tab this frame is in, then follows that tab's person. */
export function useSidebarConnection(): SidebarConnection {
  const [connection, setConnection] = useState<SidebarConnection>({ phase: 'connecting' });
  useEffect(() => {
    let unwatch: (() => void) | undefined;
    let cancelled = false;
    sendMessage('sidebarHello', undefined)
      .then((hello) => {
        if (cancelled) return;
        if (!hello) return setConnection({ phase: 'no_tab' });
        unwatch = watchTabState(hello.tabId, (state) => setConnection({ phase: 'ready', state }));
      })
      .catch(() => !cancelled && setConnection({ phase: 'no_tab' }));
    return () => {
      cancelled = true;
      unwatch?.();
    };
  }, []);
  return connection;
}
