/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at
 * rank ceil(p/100 × n). Every figure is then a time that really happened (no interpolated
 * "2.5 days" nobody waited), and a hand-computed table needs no arithmetic beyond counting.
 * The median is the 50th percentile by the same rule, so with an even count it is the lower of
 * the two middle values. Null when there are no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

export const median = (values: readonly number[]): number | null => percentile(values, 50);


/** How often each value occurs, most frequent first (ties in alphabetical order, null last). */
export function tally<T extends string | null>(values: readonly T[]): { value: T; count: number }[] {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value === null ? 1 : b.value === null ? -1 : a.value.localeCompare(b.value)));
}
