import { useEffect, useState } from 'react';
import { DEFAULT_LAYOUT, readLayout, type SidebarLayout } from '@/lib/page/sidebar-layout';
import { sidebarLayout } from '@/lib/storage-items';

/** The member's sidebar layout, live (Options and the sidebar's width button both change it). */
export function useSidebarLayout(): [SidebarLayout, (patch: Partial<SidebarLayout>) => void] {
  const [layout, setLayout] = useState<SidebarLayout>(DEFAULT_LAYOUT);
  useEffect(() => {
    let changed = false;
    const unwatch = sidebarLayout.watch((value) => {
      changed = true;
      setLayout(readLayout(value));
    });
    void sidebarLayout.getValue().then((value) => !changed && setLayout(readLayout(value)));
    return unwatch;
  }, []);
  const update = (patch: Partial<SidebarLayout>) => {
    const next = { ...layout, ...patch };
    setLayout(next);
    void sidebarLayout.setValue(next);
  };
  return [layout, update];
}
