import type { ActiveTabEvents } from '@/lib/tabs/active-tab';
import { PlaceNote } from './place-note';
import { SidebarApp } from './sidebar-app';
import { usePanelConnection } from './use-panel-connection';
import { useSidebarPlace } from './use-sidebar-place';

/** The sidebar in the browser's side panel: the person of its window's active tab. */
export function SidePanelApp({ windowId, tabs }: { windowId: number | null; tabs?: ActiveTabEvents }) {
  const connection = usePanelConnection(windowId, tabs);
  const place = useSidebarPlace();
  if (place === 'page') return <PlaceNote />;
  return <SidebarApp connection={connection} />;
}
