import type { WarningKind } from '@/lib/guard/warning-kinds';
import type { Badge } from '@/lib/reminders';
import { tabBadges } from '@/lib/storage-items';
import { NO_REVIEWS_BADGE, tabBadge, type WarningsReport } from './tab-badge';

/** Shows a badge on the toolbar: for one tab, or (no tab) for all of them. */
export type ApplyBadge = (badge: Badge, tabId?: number) => Promise<void>;

interface TabEntry {
  profileKey: string | null;
  kinds: WarningKind[];
}

interface State {
  reviews: Badge | null;
  /** Every tab given a badge of its own, by id: they follow the reviews' badge too. */
  tabs: Record<string, TabEntry>;
}

function readState(value: unknown): State {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<State>;
  return { reviews: v.reviews ?? null, tabs: { ...v.tabs } };
}

export interface TabBadges {
  /** The reminders' badge (reviews waiting or overdue), for every tab. */
  setReviews(badge: Badge): Promise<void>;
  /** The sidebar's report on its tab, taken only while the tab still shows that person. */
  setWarnings(tabId: number, report: WarningsReport, shownKey: string | null): Promise<void>;
  /** The tab now shows this person (null: nobody): warnings about anyone else leave its badge. */
  personShown(tabId: number, key: string | null): Promise<void>;
  forget(tabId: number): Promise<void>;
}

/**
 * The toolbar badge per tab (see `tabBadge` for how warnings and reviews share it). A tab's own
 * badge overrides the global one, and the browser cannot clear a tab's colour or title, so every
 * tab given a badge of its own is remembered and follows the reviews' badge from then on. Kept
 * in session storage (the service worker restarts; content scripts cannot read it): warning
 * kinds per tab, nothing else of the team's.
 */
export function createTabBadges(apply: ApplyBadge): TabBadges {
  let queue = Promise.resolve();
  /** One change at a time, each on the state the last one left. */
  const change = (fn: (s: State) => Promise<void> | void) => {
    const run = queue.then(async () => {
      const state = readState(await tabBadges.getValue());
      const before = JSON.stringify(state);
      await fn(state);
      if (JSON.stringify(state) !== before) await tabBadges.setValue(state);
    });
    queue = run.catch((e: unknown) => console.warn('Tandem: could not update the toolbar badge', e));
    return queue;
  };
  const reviewsOf = (s: State) => s.reviews ?? NO_REVIEWS_BADGE;

  return {
    setReviews: (badge) =>
      change(async (s) => {
        s.reviews = badge;
        await apply(badge);
        for (const [id, entry] of Object.entries(s.tabs)) {
          // A tab closed before the browser told us has no badge to set.
          await apply(tabBadge(badge, entry.kinds), Number(id)).catch(() => delete s.tabs[id]);
        }
      }),
    setWarnings: (tabId, report, shownKey) =>
      change(async (s) => {
        if (report.profileKey !== shownKey || (!s.tabs[tabId] && report.kinds.length === 0)) return;
        s.tabs[tabId] = { profileKey: report.profileKey, kinds: report.kinds };
        await apply(tabBadge(reviewsOf(s), report.kinds), tabId);
      }),
    personShown: (tabId, key) =>
      change(async (s) => {
        const entry = s.tabs[tabId];
        if (!entry || entry.profileKey === key || entry.kinds.length === 0) return;
        s.tabs[tabId] = { profileKey: key, kinds: [] };
        await apply(reviewsOf(s), tabId);
      }),
    forget: (tabId) =>
      change((s) => {
        delete s.tabs[tabId];
      }),
  };
}
