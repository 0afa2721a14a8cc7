import { browser } from 'wxt/browser';
import type { TandemDB } from '@/lib/db/database';
import type { Badge } from './decide';
import { type ReminderPorts, clickTarget } from './runner';

/** An extension page by path (review.html may be built by an entrypoint the generated PublicPath list does not know yet). */
function extensionUrl(path: string): string {
  return new URL(path, browser.runtime.getURL('/popup.html')).href;
}

/**
 * The reminder runner's effects in the browser: notifications and the toolbar badge. The badge
 * can also be set for one tab (lib/tabs/tab-badges.ts puts a person's warnings there).
 */
export function browserReminderPorts(): ReminderPorts & { setBadge(badge: Badge, tabId?: number): Promise<void> } {
  return {
    async show({ id, title, message }) {
      await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message, priority: 1 });
    },
    async setBadge({ text, color, title }, tabId?: number) {
      await browser.action.setBadgeBackgroundColor({ color, tabId });
      await browser.action.setBadgeText({ text, tabId });
      await browser.action.setTitle({ title, tabId });
    },
    async clearStale(isStale) {
      for (const id of Object.keys(await browser.notifications.getAll())) if (isStale(id)) await browser.notifications.clear(id);
    },
  };
}

/** Opens what a clicked Tandem notification is about, and takes the notification down. */
export async function openNotification(db: TandemDB, notificationId: string): Promise<void> {
  const target = await clickTarget(db, notificationId);
  if (!target) return;
  await browser.tabs.create({ url: 'url' in target ? target.url : extensionUrl(target.page) });
  await browser.notifications.clear(notificationId);
}
