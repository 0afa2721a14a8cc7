import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readTabState, tabStateFromReport, watchTabState } from '@/lib/tabs/tab-state';
import { writeTabState } from '@/lib/tabs/tab-storage';
import { identity } from '../../support/db';

describe('tabStateFromReport', () => {
  it('keeps a valid identity', () => {
    const state = tabStateFromReport({ url: 'https://www.linkedin.com/in/ada-lovelace/', status: 'identified', identity: identity() }, 5);
    expect(state).toEqual({ status: 'identified', url: 'https://www.linkedin.com/in/ada-lovelace/', at: 5, identity: identity() });
  });

  it.each([
    ['a missing name', { ...identity(), name: '' }],
    ['a bad key', { ...identity(), key: 'javascript:alert(1) x' }],
    ['not an object', '<b>Ada</b>'],
    ['a huge headline', { ...identity(), headline: 'x'.repeat(10_000) }],
  ])('turns an identity with %s into "unidentified"', (_what, bad) => {
    expect(tabStateFromReport({ url: 'u', status: 'identified', identity: bad }, 1)).toEqual({ status: 'unidentified', url: 'u', at: 1 });
  });

  it('refuses statuses it does not know', () => {
    expect(tabStateFromReport({ url: 'u', status: 'hacked' as never, identity: null }, 1).status).toBe('unidentified');
  });
});

describe('tab state in session storage', () => {
  it('is written, read back and watched per tab', async () => {
    fakeBrowser.reset();
    const seen: unknown[] = [];
    const stop = watchTabState(7, (s) => seen.push(s?.status ?? null));
    await writeTabState(7, { status: 'pending', url: 'u', at: 1 });
    await writeTabState(8, { status: 'not_profile', url: 'v', at: 1 });
    await writeTabState(7, { status: 'identified', url: 'u', at: 2, identity: identity() });
    expect((await readTabState(7))?.status).toBe('identified');
    await new Promise((r) => setTimeout(r, 0));
    stop();
    await writeTabState(7, { status: 'unidentified', url: 'u', at: 3 });
    expect(seen).toContain('pending');
    expect(seen.at(-1)).toBe('identified');
    expect(seen).not.toContain('not_profile');
  });
});
