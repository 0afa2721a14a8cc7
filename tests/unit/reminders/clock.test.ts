import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadClockOffset, now, parseClockOffset, watchClockOffset } from '@/lib/clock';

/** The key the README and lib/clock.ts tell a developer to set from the console. */
const CLOCK_OFFSET_KEY = 'tandem:clockOffsetMs';

beforeEach(async () => {
  fakeBrowser.reset();
  await loadClockOffset();
});

describe('the reminder clock', () => {
  it('is the real time until an offset is set, then the real time plus it', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_000_000);
    expect(now()).toBe(1_000_000);
    await fakeBrowser.storage.local.set({ [CLOCK_OFFSET_KEY]: 86_400_000 });
    expect(await loadClockOffset()).toBe(86_400_000);
    expect(now()).toBe(87_400_000);
  });

  it('tells the worker when the offset changes, and only then', async () => {
    const seen: number[] = [];
    const stop = watchClockOffset((offset) => seen.push(offset));
    await fakeBrowser.storage.local.set({ [CLOCK_OFFSET_KEY]: 5_000, other: 1 });
    await fakeBrowser.storage.local.set({ other: 2 });
    await fakeBrowser.storage.local.remove(CLOCK_OFFSET_KEY);
    stop();
    await fakeBrowser.storage.local.set({ [CLOCK_OFFSET_KEY]: 7_000 });
    expect(seen).toEqual([5_000, 0]);
  });

  it.each([[undefined], ['86400000'], [Number.NaN], [Infinity], [null]])('treats %s as no offset', (value) => {
    expect(parseClockOffset(value)).toBe(0);
  });
});
