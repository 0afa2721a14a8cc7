/** The part of the browser's tabs API the side panel follows (injected, so tests can drive it). */
export interface ActiveTabEvents {
  query(query: { active: true; windowId: number }): Promise<{ id?: number }[]>;
  onActivated: Listenable<(info: { tabId: number; windowId: number }) => void>;
  /** A tab swapped for another (a prerendered page taking over): the id changes, the tab does not. */
  onReplaced: Listenable<(addedTabId: number, removedTabId: number) => void>;
}

interface Listenable<F> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
}

/**
 * Calls `onTab` with the id of the tab active in `windowId` now (null: none) and again whenever
 * another becomes active there: the member switching tabs, closing the active one, or dragging
 * one in. Another window's tabs are not this panel's (each window has its own panel).
 */
export function followActiveTab(tabs: ActiveTabEvents, windowId: number, onTab: (tabId: number | null) => void): () => void {
  let current: number | null | undefined;
  let stopped = false;
  const show = (tabId: number | null) => {
    if (stopped || tabId === current) return;
    current = tabId;
    onTab(tabId);
  };
  const activated = (info: { tabId: number; windowId: number }) => {
    if (info.windowId === windowId) show(info.tabId);
  };
  const replaced = (added: number, removed: number) => {
    if (removed === current) show(added);
  };
  tabs.onActivated.addListener(activated);
  tabs.onReplaced.addListener(replaced);
  void tabs.query({ active: true, windowId }).then(([tab]) => {
    // An activation heard while asking is newer than the answer.
    if (current === undefined) show(tab?.id ?? null);
  });
  return () => {
    stopped = true;
    tabs.onActivated.removeListener(activated);
    tabs.onReplaced.removeListener(replaced);
  };
}
