import { useEffect } from 'react';

/** How long a passing message ("Requisition created.", "Nudged Hana…") stays on screen. */
export const FLEETING_MS = 5_000;

/**
 * Clears a passing message a few seconds after it shows (again): it says an action worked, and
 * is not news a minute later. `notice` null or empty means nothing is shown.
 */
export function useFleeting(notice: string | readonly unknown[] | null, clear: () => void) {
  const showing = notice !== null && notice.length > 0;
  useEffect(() => {
    if (!showing) return;
    const id = setTimeout(clear, FLEETING_MS);
    return () => clearTimeout(id);
    // Keyed on the notice itself: the same words set again start a fresh wait.
  }, [notice, showing, clear]);
}
