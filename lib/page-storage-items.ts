import { lightItem } from './light-storage-item';

/**
 * The storage items content scripts read (re-exported with all the others from
 * lib/storage-items.ts), light: see lib/light-storage-item.ts.
 */

const localItem = <T>(key: string, fallback: T) => lightItem<T>('local', key, fallback);

/** Whether the member collapsed the sidebar (for every profile; the content script reads it). */
export const sidebarCollapsed = localItem<boolean>('sidebarCollapsed', false);

/**
 * The sidebar's width and whether it pushes the page (Options, and the sidebar's width button;
 * the content script reads it, so it holds nothing of the team's). Unparsed: read with
 * `readLayout` (lib/page/sidebar-layout.ts).
 */
export const sidebarLayout = localItem<unknown>('sidebarLayout', null);

/**
 * Where Tandem shows, the page or the browser's side panel (Options; the content script reads it
 * to mount the frame or not). Unparsed: read with `readPlace` (lib/page/sidebar-place.ts).
 */
export const sidebarPlace = localItem<unknown>('sidebarPlace', null);
