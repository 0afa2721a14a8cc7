import { describe, expect, it } from 'vitest';
import { REVIEW_SHORTCUTS, ariaKeys, keyLabels, shortcutFor } from '@/components/review/shortcuts';

describe('the review shortcut table', () => {
  it('gives every key one meaning', () => {
    const keys = REVIEW_SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(REVIEW_SHORTCUTS.map((s) => s.action)).size).toBe(REVIEW_SHORTCUTS.length);
  });

  it('finds a shortcut by key, letters in either case', () => {
    expect(shortcutFor('J')?.action).toBe('next');
    expect(shortcutFor('n')?.action).toBe('note');
    expect(shortcutFor('7')?.action).toBe('tick');
    expect(shortcutFor('Escape')?.action).toBe('leave');
    expect(shortcutFor('x')).toBeUndefined();
    expect(shortcutFor('0')).toBeUndefined();
  });

  it('prints keys as a person reads them', () => {
    expect(keyLabels(shortcutFor('5')!)).toEqual(['1', '…', '9']);
    expect(keyLabels(shortcutFor('Escape')!)).toEqual(['Esc']);
    expect(ariaKeys('approve')).toBe('A');
  });
});
