import { clockOffset } from './storage-items';

/**
 * The background's clock: `Date.now()` plus an offset, for testing and debugging only.
 *
 * The offset lives in `storage.local` under `tandem:clockOffsetMs` (ms, default 0). Setting it
 * from the service worker's console (or an e2e test) moves the reminder engine's "now" — e.g. a
 * day ahead to make a review overdue without waiting:
 *
 *     chrome.storage.local.set({ 'tandem:clockOffsetMs': 86_400_000 })
 *
 * Only the reminder engine reads this clock; sync, the feed and every other timestamp use the
 * real time. Web pages cannot reach `storage.local`.
 */
let offsetMs = 0;

/** Now, as the reminder engine sees it. */
export function now(): number {
  return Date.now() + offsetMs;
}

/** A stored value as an offset: a finite number, anything else is 0. */
export function parseClockOffset(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Re-reads the offset (the worker may have restarted, or someone changed it). */
export async function loadClockOffset(): Promise<number> {
  offsetMs = parseClockOffset(await clockOffset.getValue());
  return offsetMs;
}

/** Calls `onChange` after the offset changes in `storage.local`; returns the unsubscribe. */
export function watchClockOffset(onChange: (offsetMs: number) => void): () => void {
  return clockOffset.watch((value) => {
    offsetMs = parseClockOffset(value);
    onChange(offsetMs);
  });
}
