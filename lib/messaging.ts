import { defineExtensionMessaging } from '@webext-core/messaging';
import type { SyncReason } from '@/lib/sync/scheduler';
import type { WarningsReport } from '@/lib/tabs/tab-badge';

/** What a content script says about its page. The background validates it before use. */
export interface PageReport {
  url: string;
  status: 'pending' | 'identified' | 'unidentified' | 'not_profile';
  identity: unknown;
}

/**
 * Messages between contexts. Each has exactly one receiving context:
 * content → background: reportPage (posted on the PAGE_REPORTS_PORT port, lib/page/page-reports.ts;
 * the message only when no port opens); sidebar → background: sidebarHello, setSidebarOpen,
 * sidebarWarnings (also from the side panel); extension pages → background: syncNow;
 * background → content: showSidebar, sidebarShortcut;
 * content → the sidebar frame of the same tab: focusSidebar (a runtime message every extension
 * page receives; the sidebar acts on it only from its own tab's top frame).
 */
interface ProtocolMap {
  reportPage(report: PageReport): void;
  /** Which tab the sidebar frame is in, for browsers whose `tabs.getCurrent` does not say. */
  sidebarHello(): { tabId: number } | null;
  /** true/false: the member opens or collapses it; 'reveal': open it for this person only. */
  setSidebarOpen(open: boolean | 'reveal'): void;
  showSidebar(open: boolean | 'reveal'): void;
  /** The warnings on the sidebar's person (for the toolbar badge); the side panel names the tab it shows. */
  sidebarWarnings(report: WarningsReport & { tabId?: number }): void;
  /** The keyboard shortcut was pressed on this tab. */
  sidebarShortcut(): void;
  /** The content script moved focus into the frame: the sidebar focuses its first useful element. */
  focusSidebar(): void;
  /** Pages ask the worker to sync (after a local write, when a sidebar opens, after sign-in). */
  syncNow(reason: SyncReason): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
