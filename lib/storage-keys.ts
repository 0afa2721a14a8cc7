/**
 * Keys of the storage items the content script reads as well (lib/storage-items.ts defines the
 * typed items on them). Kept apart so the content script can read them through
 * lib/page/page-storage.ts without @wxt-dev/storage, about 8 KB on every page it runs on.
 */
export const SIDEBAR_COLLAPSED_KEY = 'local:sidebarCollapsed';
export const SIDEBAR_LAYOUT_KEY = 'local:sidebarLayout';

export type LocalKey = `local:${string}`;
