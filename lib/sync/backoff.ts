/** Base and cap of the retry delay after failures (ms). */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * Exponential backoff with "equal jitter": half the exponential delay, plus a random share of
 * the other half, so many devices coming back at once do not retry in step.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  const exp = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
