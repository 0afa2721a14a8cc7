import type { SiteAdapter } from './types';

/**
 * The adapter that reads a person at `url` among `adapters`, or null for a page that shows no
 * one (the watcher reports it as not a profile). Content scripts pick with this among their own
 * hosts' adapters: each adapter's `isProfileUrl` checks host and path, so no match-pattern
 * parser, and no other site's adapter, weighs on a script's 30 KB budget.
 */
export function profileAdapterFor(adapters: readonly SiteAdapter[], url: URL): SiteAdapter | null {
  return adapters.find((adapter) => adapter.isProfileUrl(url)) ?? null;
}
