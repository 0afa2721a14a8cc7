import { z } from 'zod';
import type { PageReport } from '@/lib/messaging';
import { ProspectIdentity, Timestamp } from '@/lib/model';
import { readRawTabState, watchRawTabState } from './tab-storage';

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

export function parseTabState(value: unknown): TabState | null {
  const parsed = TabState.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Turns a content script's report into the tab's state. The identity is page data: it is
 * validated here, at the boundary, and a report that fails becomes "unidentified".
 */
export function tabStateFromReport(report: PageReport, at: number): TabState {
  const url = String(report.url).slice(0, 2048);
  switch (report.status) {
    case 'identified': {
      const identity = ProspectIdentity.safeParse(report.identity);
      return identity.success ? { status: 'identified', url, at, identity: identity.data } : { status: 'unidentified', url, at };
    }
    case 'pending':
    case 'unidentified':
    case 'not_profile':
      return { status: report.status, url, at };
    default:
      return { status: 'unidentified', url, at };
  }
}

export async function readTabState(tabId: number): Promise<TabState | null> {
  return parseTabState(await readRawTabState(tabId));
}

export function watchTabState(tabId: number, onChange: (state: TabState | null) => void): () => void {
  return watchRawTabState(tabId, (value) => onChange(parseTabState(value)));
}
