import { z } from 'zod';
import { ProspectIdentity, Timestamp } from '@/lib/model';

/**
 * What a tab shows, as its content script reported it. Kept in `storage.session` by the
 * background (the service worker may restart) and read by the sidebar and popup; content
 * scripts cannot read session storage, so the page never sees it.
 */
export const TabState = z.discriminatedUnion('status', [
  /** A profile URL whose person is still being read (page loading, or in-app navigation). */
  z.object({ status: z.literal('pending'), url: z.string(), at: Timestamp }),
  z.object({ status: z.literal('identified'), url: z.string(), at: Timestamp, identity: ProspectIdentity }),
  /** A profile URL on which the adapter found nobody it could trust. */
  z.object({ status: z.literal('unidentified'), url: z.string(), at: Timestamp }),
  /** Not a page that shows one person. */
  z.object({ status: z.literal('not_profile'), url: z.string(), at: Timestamp }),
]);
export type TabState = z.infer<typeof TabState>;

export const tabStateKey = (tabId: number) => `tab:${tabId}`;

export function parseTabState(value: unknown): TabState | null {
  const parsed = TabState.safeParse(value);
  return parsed.success ? parsed.data : null;
}
