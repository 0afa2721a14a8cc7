import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { type ActiveTabEvents, followActiveTab } from '@/lib/tabs/active-tab';
import { type TabState, watchTabState } from '@/lib/tabs/tab-state';
import type { SidebarConnection } from './sidebar-app';

/** What the panel knows: the active tab (undefined: not known yet) and the last state read, with whose it is. */
export interface PanelView {
  activeTabId: number | null | undefined;
  read: { tabId: number; state: TabState | null } | undefined;
}

/**
 * What the side panel shows. A tab with no state is one whose page Tandem does not read (another
 * site, a list): the panel says there is nobody. Until the newly active tab's state is read it
 * shows nobody's, never the last tab's person (a note typed then would go to the wrong person).
 */
export function panelConnection({ activeTabId, read }: PanelView): SidebarConnection {
  if (activeTabId === undefined) return { phase: 'connecting' };
  if (activeTabId === null) return { phase: 'no_tab' };
  if (read?.tabId !== activeTabId) return { phase: 'connecting' };
  return read.state === null ? { phase: 'no_tab' } : { phase: 'ready', state: read.state };
}

/**
 * Follows the person of the active tab in the panel's window (null: a panel outside any window);
 * with the tab whose person it is.
 */
export function usePanelConnection(windowId: number | null, tabs: ActiveTabEvents = browser.tabs): { connection: SidebarConnection; tabId: number | null } {
  const [activeTabId, setActiveTabId] = useState<number | null | undefined>(windowId === null ? null : undefined);
  const [read, setRead] = useState<PanelView['read']>();
  useEffect(() => (windowId === null ? undefined : followActiveTab(tabs, windowId, setActiveTabId)), [windowId, tabs]);
  useEffect(() => {
    if (activeTabId === null || activeTabId === undefined) return;
    return watchTabState(activeTabId, (state) => setRead({ tabId: activeTabId, state }));
  }, [activeTabId]);
  return { connection: panelConnection({ activeTabId, read }), tabId: activeTabId ?? null };
}
