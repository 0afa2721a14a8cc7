import { useWatchedItem } from '@/components/ui/use-watched-item';
import { DEFAULT_LAYOUT, readLayout, type SidebarLayout } from '@/lib/page/sidebar-layout';
import { sidebarLayout } from '@/lib/storage-items';

/** The member's sidebar layout, live (Options and the sidebar's width button both change it). */
export function useSidebarLayout(): [SidebarLayout, (patch: Partial<SidebarLayout>) => void] {
  const [layout, setLayout] = useWatchedItem(sidebarLayout, readLayout, DEFAULT_LAYOUT);
  const update = (patch: Partial<SidebarLayout>) => {
    const next = { ...layout, ...patch };
    setLayout(next);
    void sidebarLayout.setValue(next);
  };
  return [layout, update];
}
