import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readLocal, watchLocal, writeLocal } from '@/lib/page/page-storage';
import { sidebarCollapsed, sidebarLayout } from '@/lib/storage-items';
import { SIDEBAR_COLLAPSED_KEY, SIDEBAR_LAYOUT_KEY } from '@/lib/storage-keys';

beforeEach(() => fakeBrowser.reset());

describe("the content script's storage reads", () => {
  it('read and write the same values as the typed items of the extension pages', async () => {
    expect(await readLocal(SIDEBAR_COLLAPSED_KEY)).toBeUndefined();
    await writeLocal(SIDEBAR_COLLAPSED_KEY, true);
    expect(await sidebarCollapsed.getValue()).toBe(true);
    await sidebarLayout.setValue({ width: 'narrow', push: true });
    expect(await readLocal(SIDEBAR_LAYOUT_KEY)).toEqual({ width: 'narrow', push: true });
  });

  it('hear a change made through a typed item, until unwatched', async () => {
    const heard: unknown[] = [];
    const unwatch = watchLocal(SIDEBAR_LAYOUT_KEY, (value) => heard.push(value));
    await sidebarLayout.setValue({ width: 'narrow', push: false });
    await sidebarCollapsed.setValue(true); // another key: not heard
    unwatch();
    await sidebarLayout.setValue({ width: 'standard', push: false });
    expect(heard).toEqual([{ width: 'narrow', push: false }]);
  });
});
