import { useEffect, useRef, useSyncExternalStore } from 'react';
import { focusStart } from './sidebar-focus';

/**
 * The content script shrinks the frame to a tab when the sidebar is collapsed
 * (lib/page/sidebar-layout.ts, COLLAPSED_TAB); the page then shows only that tab. The same
 * query hides the rest in theme.css.
 */
const COLLAPSED_QUERY = '(max-width: 100px)';

function subscribe(onChange: () => void): () => void {
  const query = matchMedia(COLLAPSED_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the frame is the collapsed tab. */
export function useCollapsed(): boolean {
  return useSyncExternalStore(subscribe, () => matchMedia(COLLAPSED_QUERY).matches);
}

/**
 * When the sidebar collapses or opens while focus is in it, what had focus is hidden: focus the
 * tab (Enter opens it again), or the sidebar's start (see focusStart).
 */
export function useFocusAcrossCollapse(collapsed: boolean): void {
  const before = useRef(collapsed);
  useEffect(() => {
    if (before.current === collapsed) return;
    before.current = collapsed;
    if (!document.hasFocus()) return;
    if (collapsed) document.querySelector<HTMLElement>('[data-testid="collapsed-tab"]')?.focus();
    else focusStart(document);
  }, [collapsed]);
}
