import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { SETTLE_GRACE_MS, pageSettled } from '@/lib/page/page-settled';

let state: DocumentReadyState;
let ctx: ContentScriptContext;

beforeEach(() => {
  vi.useFakeTimers();
  Object.defineProperty(document, 'readyState', { configurable: true, get: () => state });
  ctx = new ContentScriptContext('test');
});
afterEach(() => {
  ctx.abort();
  Reflect.deleteProperty(document, 'readyState');
  vi.useRealTimers();
});

/** Whether `promise` has resolved by now (after pending callbacks ran). */
async function settledYet(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('when the sidebar may be added to the page', () => {
  it('is at once on a page that has loaded', async () => {
    state = 'complete';
    expect(await settledYet(pageSettled(ctx))).toBe(true);
  });

  it('is at the load event when it comes within the grace after the DOM was parsed', async () => {
    state = 'loading';
    const settled = pageSettled(ctx);
    state = 'interactive';
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await vi.advanceTimersByTimeAsync(SETTLE_GRACE_MS / 3);
    expect(await settledYet(settled)).toBe(false);
    state = 'complete';
    window.dispatchEvent(new Event('load'));
    expect(await settledYet(settled)).toBe(true);
  });

  it('is the grace after DOMContentLoaded on a page whose load is held (a real profile waits seconds for images)', async () => {
    state = 'loading';
    const settled = pageSettled(ctx);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await settledYet(settled), 'no grace before the DOM is parsed').toBe(false);
    state = 'interactive';
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await vi.advanceTimersByTimeAsync(SETTLE_GRACE_MS - 1);
    expect(await settledYet(settled)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settledYet(settled)).toBe(true);
  });

  it('counts the grace from now on a page already parsed', async () => {
    state = 'interactive';
    const settled = pageSettled(ctx);
    await vi.advanceTimersByTimeAsync(SETTLE_GRACE_MS - 1);
    expect(await settledYet(settled)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settledYet(settled)).toBe(true);
  });
});
