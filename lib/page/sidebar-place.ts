/**
 * Where Tandem shows: in the page (the sidebar frame) or in the browser's side panel (Chrome's
 * side panel, Firefox's sidebar), where nothing at all is added to the page. Read by the content
 * script, so it stays free of zod: the stored value is checked by hand in `readPlace`.
 */
export type SidebarPlace = 'page' | 'panel';

/** A stored place; anything missing or unknown reads as the page. */
export function readPlace(value: unknown): SidebarPlace {
  return value === 'panel' ? 'panel' : 'page';
}
