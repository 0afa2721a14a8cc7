import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { sidebarCollapsed, sidebarLayout } from '@/lib/page-storage-items';

// The content scripts' light items must keep exactly what WXT's storage items kept before
// (members already have these values stored), in both directions.

beforeEach(() => fakeBrowser.reset());

describe('the content scripts’ storage items', () => {
  it('read the fallback when nothing is stored, and what WXT’s storage wrote', async () => {
    expect(await sidebarCollapsed.getValue()).toBe(false);
    expect(await sidebarLayout.getValue()).toBeNull();
    await storage.setItem('local:sidebarCollapsed', true);
    await storage.setItem('local:sidebarLayout', { width: 'narrow', push: true });
    expect(await sidebarCollapsed.getValue()).toBe(true);
    expect(await sidebarLayout.getValue()).toEqual({ width: 'narrow', push: true });
  });

  it('write what WXT’s storage reads', async () => {
    await sidebarCollapsed.setValue(true);
    expect(await storage.getItem('local:sidebarCollapsed')).toBe(true);
  });

  it('call a watcher with each new value, the fallback when removed, and not after unwatching', async () => {
    const seen = vi.fn();
    const unwatch = sidebarCollapsed.watch(seen);
    await sidebarCollapsed.setValue(true);
    await storage.removeItem('local:sidebarCollapsed');
    await fakeBrowser.storage.sync.set({ sidebarCollapsed: true }); // another area: not this item
    unwatch();
    await sidebarCollapsed.setValue(true);
    expect(seen.mock.calls).toEqual([[true], [false]]);
  });
});

describe('the tab state item the sidebar’s boot reads', () => {
  it('keeps what WXT’s session item kept, both ways, and is gone when removed', async () => {
    const { tabState } = await import('@/lib/tabs/tab-storage');
    expect(await tabState(4).getValue()).toBeNull();
    await storage.setItem('session:tab:4', { status: 'pending' });
    expect(await tabState(4).getValue()).toEqual({ status: 'pending' });
    await tabState(4).setValue({ status: 'none' });
    expect(await storage.getItem('session:tab:4')).toEqual({ status: 'none' });
    expect(await storage.getItem('local:tab:4')).toBeNull();
    await tabState(4).removeValue();
    expect(await storage.getItem('session:tab:4')).toBeNull();
  });
});
