import { describe, expect, it, vi } from 'vitest';
import { followActiveTab } from '@/lib/tabs/active-tab';
import { fakeTabs } from '../../support/fake-tabs';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('following the active tab of a window', () => {
  it('starts with the tab active now and follows the member switching, in its own window only', async () => {
    const browser = fakeTabs({ active: { 1: 10, 2: 20 } });
    const seen = vi.fn();
    followActiveTab(browser.tabs, 1, seen);
    await flush();
    browser.activate(1, 11);
    browser.activate(2, 21);
    browser.activate(1, 11);
    browser.activate(1, 10);
    expect(seen.mock.calls).toEqual([[10], [11], [10]]);
  });

  it('says there is none in a window without an active tab', async () => {
    const seen = vi.fn();
    followActiveTab(fakeTabs({ active: {} }).tabs, 1, seen);
    await flush();
    expect(seen.mock.calls).toEqual([[null]]);
  });

  it('keeps a switch heard while it was asking, over the older answer', async () => {
    const browser = fakeTabs({ active: { 1: 10 }, answerLate: true });
    const seen = vi.fn();
    followActiveTab(browser.tabs, 1, seen);
    browser.activate(1, 12);
    browser.answer();
    await flush();
    expect(seen.mock.calls).toEqual([[12]]);
  });

  it('follows its tab when the browser swaps it for another id, not when another tab is swapped', async () => {
    const browser = fakeTabs({ active: { 1: 10 } });
    const seen = vi.fn();
    followActiveTab(browser.tabs, 1, seen);
    await flush();
    browser.replace(31, 30);
    browser.replace(15, 10);
    expect(seen.mock.calls).toEqual([[10], [15]]);
  });

  it('stops listening, and drops a late answer, once stopped', async () => {
    const browser = fakeTabs({ active: { 1: 10 }, answerLate: true });
    const seen = vi.fn();
    const stop = followActiveTab(browser.tabs, 1, seen);
    stop();
    browser.answer();
    await flush();
    browser.activate(1, 11);
    expect(seen).not.toHaveBeenCalled();
    expect(browser.listeners()).toBe(0);
  });
});
