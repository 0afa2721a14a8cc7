/**
 * The sidebar frame's size and place in the page, and the member's layout choice. Read by the
 * content script, so it stays free of zod: the stored value is checked by hand in `readLayout`.
 */

export type SidebarWidth = 'standard' | 'narrow';

/** How wide the open sidebar is, and whether it pushes the page aside instead of covering it. */
export interface SidebarLayout {
  width: SidebarWidth;
  push: boolean;
}

export const DEFAULT_LAYOUT: SidebarLayout = { width: 'standard', push: false };

/** 380 px covers 37 % of a 1024 px window; 300 px, 29 %. The sidebar's controls wrap down to 280. */
export const WIDTH_PX: Record<SidebarWidth, number> = { standard: 380, narrow: 300 };

/**
 * The collapsed frame: a tab at the right edge. It is the same size whatever it shows, so the
 * page cannot tell from it whether the person has a warning. The sidebar page lays itself out
 * as that tab when its frame is this narrow (the `max-width: 100px` query in theme.css).
 */
export const COLLAPSED_TAB = { top: 96, width: 40, height: 148 } as const;

/** A stored layout; anything missing or unknown reads as the default. */
export function readLayout(value: unknown): SidebarLayout {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof SidebarLayout, unknown>>;
  return { width: v.width === 'narrow' ? 'narrow' : 'standard', push: v.push === true };
}

/** Room the page should leave on its right: the open sidebar's width when it pushes the page, else none. */
export function reservedPx(open: boolean, layout: SidebarLayout): number {
  return open && layout.push ? WIDTH_PX[layout.width] : 0;
}

const EDGE = '1px solid rgba(0,0,0,.15)';

/** Where the frame is and how big, open or collapsed; every property set in both, so one replaces the other. */
export function frameGeometry(open: boolean, layout: SidebarLayout): Record<string, string> {
  if (open) {
    return {
      top: '0',
      width: `${WIDTH_PX[layout.width]}px`,
      height: '100vh',
      'border-top': '0',
      'border-bottom': '0',
      'border-left': EDGE,
      'border-radius': '0',
      'box-shadow': '-4px 0 16px rgba(0,0,0,.08)',
    };
  }
  return {
    top: `${COLLAPSED_TAB.top}px`,
    width: `${COLLAPSED_TAB.width}px`,
    height: `${COLLAPSED_TAB.height}px`,
    'border-top': EDGE,
    'border-bottom': EDGE,
    'border-left': EDGE,
    'border-radius': '8px 0 0 8px',
    'box-shadow': '-2px 2px 8px rgba(0,0,0,.12)',
  };
}
