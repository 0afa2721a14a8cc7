import { defineExtensionMessaging } from '@webext-core/messaging';

/** What a content script says about its page. The background validates it before use. */
export interface PageReport {
  url: string;
  status: 'pending' | 'identified' | 'unidentified' | 'not_profile';
  identity: unknown;
}

/**
 * Messages between contexts. Each has exactly one receiving context:
 * content → background: reportPage; sidebar → background: setSidebarOpen;
 * background → content: showSidebar.
 */
interface ProtocolMap {
  reportPage(report: PageReport): void;
  setSidebarOpen(open: boolean): void;
  showSidebar(open: boolean | 'toggle'): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
