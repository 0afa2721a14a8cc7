import { defineExtensionMessaging } from '@webext-core/messaging';
import type { SyncReason } from '@/lib/sync/scheduler';

/** What a content script says about its page. The background validates it before use. */
export interface PageReport {
  url: string;
  status: 'pending' | 'identified' | 'unidentified' | 'not_profile';
  identity: unknown;
}

/**
 * Messages between contexts. Each has exactly one receiving context:
 * content → background: reportPage; sidebar → background: sidebarHello, setSidebarOpen;
 * extension pages → background: syncNow;
 * background → content: showSidebar.
 */
interface ProtocolMap {
  reportPage(report: PageReport): void;
  /** Which tab the sidebar frame is in, for browsers whose `tabs.getCurrent` does not say. */
  sidebarHello(): { tabId: number } | null;
  setSidebarOpen(open: boolean): void;
  showSidebar(open: boolean | 'toggle'): void;
  /** Pages ask the worker to sync (after a local write, when a sidebar opens, after sign-in). */
  syncNow(reason: SyncReason): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
