import { useEffect, useState } from 'react';
import { sidebarCollapsed } from '@/lib/storage-items';

/**
 * Whether the sidebar is shown on profiles (the member's collapse choice, which the content
 * script follows), or null until read: the popup offers "Hide sidebar" while it is shown.
 */
export function useSidebarShown(): boolean | null {
  const [shown, setShown] = useState<boolean | null>(null);
  useEffect(() => {
    void sidebarCollapsed.getValue().then((collapsed) => setShown(!collapsed));
    return sidebarCollapsed.watch((collapsed) => setShown(!collapsed));
  }, []);
  return shown;
}
