import { describe, expect, it } from 'vitest';
import { readPlace } from '@/lib/page/sidebar-place';

describe('where Tandem shows', () => {
  it('is the side panel only when the member chose it; anything else stored reads as the page', () => {
    expect(readPlace('panel')).toBe('panel');
    for (const stored of ['page', null, undefined, 'PANEL', { place: 'panel' }, 1]) expect(readPlace(stored)).toBe('page');
  });
});
