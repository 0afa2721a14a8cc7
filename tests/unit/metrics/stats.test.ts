import { describe, expect, it } from 'vitest';
import { median, percentile, tally } from '@/lib/metrics';

describe('percentiles by nearest rank', () => {
  it('takes the value at rank ceil(p/100 × n), whatever order the values come in', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 75)).toBe(40);
    expect(percentile(values, 90)).toBe(50);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile([50, 15, 40, 20, 35], 75)).toBe(40);
  });

  it('gives the lower middle value as the median of an even count, never an average', () => {
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(median([7])).toBe(7);
  });

  it('has no percentile of nothing, and refuses a percentile outside (0, 100]', () => {
    expect(median([])).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('tally', () => {
  it('counts each value, most frequent first, ties alphabetical and null last', () => {
    expect(tally(['b', null, 'a', 'c', 'c', null, 'a'])).toEqual([
      { value: 'a', count: 2 },
      { value: 'c', count: 2 },
      { value: null, count: 2 },
      { value: 'b', count: 1 },
    ]);
  });
});
