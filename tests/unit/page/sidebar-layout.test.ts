import { describe, expect, it } from 'vitest';
import { COLLAPSED_TAB, DEFAULT_LAYOUT, frameGeometry, readLayout, reservedPx } from '@/lib/page/sidebar-layout';

describe('the sidebar layout', () => {
  it('reads a stored layout, and anything else as the default', () => {
    expect(readLayout({ width: 'narrow', push: true })).toEqual({ width: 'narrow', push: true });
    for (const odd of [undefined, null, 'narrow', { width: 'huge', push: 'yes' }, []]) expect(readLayout(odd)).toEqual(DEFAULT_LAYOUT);
  });

  it('is narrower than a third of a 1024 px window when narrow, and 380 px otherwise', () => {
    expect(parseInt(frameGeometry(true, { width: 'narrow', push: false }).width!) / 1024).toBeLessThan(0.3);
    expect(frameGeometry(true, DEFAULT_LAYOUT).width).toBe('380px');
  });

  it('collapses to a tab of one size whatever the layout: the page learns nothing from it', () => {
    const collapsed = frameGeometry(false, DEFAULT_LAYOUT);
    expect(frameGeometry(false, { width: 'narrow', push: true })).toEqual(collapsed);
    expect(collapsed).toMatchObject({ width: `${COLLAPSED_TAB.width}px`, height: `${COLLAPSED_TAB.height}px` });
    // Open and collapsed set the same properties, so switching leaves nothing of the other behind.
    expect(Object.keys(collapsed).sort()).toEqual(Object.keys(frameGeometry(true, DEFAULT_LAYOUT)).sort());
  });

  it('reserves room on the page only while open and pushing', () => {
    expect(reservedPx(true, { width: 'narrow', push: true })).toBe(300);
    expect(reservedPx(false, { width: 'narrow', push: true })).toBe(0);
    expect(reservedPx(true, { width: 'standard', push: false })).toBe(0);
  });
});
