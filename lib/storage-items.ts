import { storage } from 'wxt/utils/storage';
import type { PokeConnectionState } from '@/lib/sync/poke-client';

/**
 * Everything Tandem keeps in `browser.storage`, one typed item each (the team's data is in
 * Dexie, never here; the one exception is which kinds of warning a tab's person has, for the
 * toolbar badge, in session storage). Keys name their area: `session:` lasts until the browser closes and is
 * out of content scripts' reach; `local:` persists. Values a stale or hostile writer could have
 * left are checked where they are read.
 */

/** The sidebar's collapsed state, layout and place, which content scripts read: kept light (see there). */
export { sidebarCollapsed, sidebarLayout, sidebarPlace } from './page-storage-items';

/**
 * The reminder clock's offset in ms (lib/clock.ts), for testing and debugging. From the
 * service worker's console: `chrome.storage.local.set({ 'tandem:clockOffsetMs': 86_400_000 })`.
 */
export const clockOffset = storage.defineItem<unknown>('local:tandem:clockOffsetMs');

/** What a tab shows (lib/tabs/tab-storage.ts, light: the sidebar's boot script reads it). */
export { tabState } from './tabs/tab-storage';

/**
 * The toolbar badge of each tab whose person had a warning (lib/tabs/tab-badges.ts): warning
 * kinds only, in session storage (memory, out of content scripts' reach), so the badges stay
 * right across service-worker restarts. Checked where read.
 */
export const tabBadges = storage.defineItem<unknown>('session:tabBadges');

/**
 * The background worker's live connection to the team server (lib/sync/poke-client.ts), for the
 * status line. In `session:`, so a browser restart does not show a connection of the last one.
 */
export const pokeConnection = storage.defineItem<PokeConnectionState>('session:pokeConnection', { fallback: { state: 'off' } });
