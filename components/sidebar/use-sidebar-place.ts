import { useWatchedItem } from '@/components/ui/use-watched-item';
import { type SidebarPlace, readPlace } from '@/lib/page/sidebar-place';
import { sidebarPlace } from '@/lib/storage-items';

/** Where the member shows Tandem, live (undefined until read). */
export function useSidebarPlace(): SidebarPlace | undefined {
  return useWatchedItem<SidebarPlace | undefined>(sidebarPlace, readPlace, undefined)[0];
}
