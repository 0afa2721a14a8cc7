import type { ActiveTabEvents } from '@/lib/tabs/active-tab';
import type { WarningsReport } from '@/lib/tabs/tab-badge';
import { PanelWarnings } from './panel-warnings';
import { PlaceNote } from './place-note';
import { SidebarApp } from './sidebar-app';
import { usePanelConnection } from './use-panel-connection';
import { useSidebarPlace } from './use-sidebar-place';

interface Props {
  windowId: number | null;
  /** The person's warnings on a tab, for the toolbar badge. */
  reportWarnings: (tabId: number, report: WarningsReport) => void;
  tabs?: ActiveTabEvents;
}

/** The sidebar in the browser's side panel: the person of its window's active tab. */
export function SidePanelApp({ windowId, reportWarnings, tabs }: Props) {
  const { connection, tabId } = usePanelConnection(windowId, tabs);
  const place = useSidebarPlace();
  if (place === 'page') return <PlaceNote />;
  const state = connection.phase === 'ready' ? connection.state : null;
  return (
    <>
      {state?.status === 'identified' && tabId !== null && <PanelWarnings key={`${tabId} ${state.identity.key}`} tabId={tabId} identity={state.identity} report={reportWarnings} />}
      <SidebarApp connection={connection} />
    </>
  );
}
