import { useEffect, useState } from 'react';
import { watchTabState } from '@/lib/tabs/tab-state';
import type { SidebarConnection } from './sidebar-app';

/** Follows the person shown by the sidebar's tab (null: the frame is not in a tab). */
export function useSidebarConnection(tabId: number | null): SidebarConnection {
  const [connection, setConnection] = useState<SidebarConnection>({ phase: 'connecting' });
  useEffect(() => {
    if (tabId === null) return;
    return watchTabState(tabId, (state) => setConnection({ phase: 'ready', state }));
  }, [tabId]);
  return tabId === null ? { phase: 'no_tab' } : connection;
}
