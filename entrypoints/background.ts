import { type Browser, browser } from 'wxt/browser';
import { z } from 'zod';
import { defineBackground } from '#imports';
import { loadClockOffset, now as reminderClock, watchClockOffset } from '@/lib/clock';
import { getDb } from '@/lib/db/database';
import { type PageReport, onMessage, sendMessage } from '@/lib/messaging';
import { PAGE_REPORTS_PORT } from '@/lib/page/page-reports';
import { readPlace, type SidebarPlace } from '@/lib/page/sidebar-place';
import { ReminderRunner } from '@/lib/reminders';
import { browserReminderPorts, openNotification } from '@/lib/reminders/browser-ports';
import { watchReminderInputs } from '@/lib/reminders/watch';
import { applyPlace, openSidePanel, shortcutOpensPanel, toggleFirefoxSidebar } from '@/lib/side-panel';
import { adapterFor } from '@/lib/sites';
import { syncAtsScripts } from '@/lib/sites/ats-scripts';
import { sidebarPlace } from '@/lib/storage-items';
import { startLiveUpdates } from '@/lib/sync/live-updates';
import { SyncScheduler } from '@/lib/sync/scheduler';
import { httpTransport } from '@/lib/sync/transport';
import { WarningsReport } from '@/lib/tabs/tab-badge';
import { createTabBadges } from '@/lib/tabs/tab-badges';
import { readTabState, tabStateFromReport } from '@/lib/tabs/tab-state';
import { forgetTab, writeTabState } from '@/lib/tabs/tab-storage';

const SYNC_ALARM = 'tandem-sync';

export default defineBackground(() => {
  const reminderPorts = browserReminderPorts();
  const badges = createTabBadges((badge, tabId) => reminderPorts.setBadge(badge, tabId));

  // Only a content script in a tab's top frame speaks for that tab.
  const pageReported = async (data: PageReport, sender: Browser.runtime.MessageSender | undefined) => {
    const tabId = sender?.tab?.id;
    if (tabId === undefined || sender?.frameId !== 0 || sender.id !== browser.runtime.id) return;
    const state = tabStateFromReport(data, Date.now());
    await writeTabState(tabId, state);
    if (state.status !== 'pending') await badges.personShown(tabId, state.status === 'identified' ? state.identity.key : null);
  };
  onMessage('reportPage', ({ data, sender }) => pageReported(data, sender));
  // Reports arrive in order on a port; each is written before the next, as one-off messages were.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PAGE_REPORTS_PORT) return;
    let written = Promise.resolve();
    port.onMessage.addListener((data: unknown) => {
      written = written.then(() => pageReported(data as PageReport, port.sender)).catch(() => undefined);
    });
  });

  onMessage('sidebarHello', ({ sender }) => {
    const tabId = sender.tab?.id;
    return tabId !== undefined && isSidebarFrame(sender) ? { tabId } : null;
  });

  onMessage('setSidebarOpen', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !isSidebarFrame(sender)) return;
    await sendMessage('showSidebar', data === 'reveal' ? 'reveal' : data === true, { tabId, frameId: 0 }).catch(() => undefined);
  });

  onMessage('sidebarWarnings', async ({ data, sender }) => {
    // The frame is in its tab; the side panel, in no tab, names the one it shows.
    const tabId = isSidebarFrame(sender) ? sender.tab?.id : isSidePanel(sender) ? PanelTab.safeParse(data).data?.tabId : undefined;
    const report = WarningsReport.safeParse(data);
    if (tabId === undefined || !report.success) return;
    const shown = await readTabState(tabId);
    await badges.setWarnings(tabId, report.data, shown?.status === 'identified' ? shown.identity.key : null);
  });

  // Where Tandem shows (Options): the toolbar button and the shortcut follow it. Kept here too,
  // since the shortcut must open the panel before any await (see shortcutOpensPanel).
  let place: SidebarPlace | undefined;
  const followPlace = (value: unknown) => {
    place = readPlace(value);
    void applyPlace(place).catch((e: unknown) => console.warn('Tandem side panel:', e));
  };
  let placeChanged = false;
  sidebarPlace.watch((value) => {
    placeChanged = true;
    followPlace(value);
  });
  void sidebarPlace.getValue().then((value) => placeChanged || followPlace(value));
  browser.action.onClicked.addListener(toggleFirefoxSidebar);

  // Page: into the sidebar and back (the content script knows where focus is). Side panel: opens
  // it; a page with no frame ignores the message, so both are sent while the place is unknown.
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'toggle-sidebar' || tab?.id === undefined) return;
    if (shortcutOpensPanel(place) && tab.windowId !== undefined) void openSidePanel(tab.windowId).catch(() => undefined);
    if (place !== 'panel') void sendMessage('sidebarShortcut', undefined, { tabId: tab.id, frameId: 0 }).catch(() => undefined);
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTab(tabId);
    void badges.forget(tabId);
  });
  // A tab that left the supported sites shows nobody. (Without host permission for the new
  // page the browser hides its URL, which also means it is not a supported site.)
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading' && change.url === undefined) return;
    if (tab.url && adapterFor(safeUrl(tab.url))) return;
    void forgetTab(tabId);
    void badges.personShown(tabId, null);
  });

  // ATS pages (Options → Sites): each site's content script runs on exactly the hosts granted
  // for it, at every start and whenever a grant changes, also when the member withdraws one in
  // the browser's own settings (the site then shows as off).
  const followAtsGrants = () => void syncAtsScripts().catch((e: unknown) => console.warn('Tandem sites:', e));
  followAtsGrants();
  browser.permissions.onAdded.addListener(followAtsGrants);
  browser.permissions.onRemoved.addListener(followAtsGrants);

  // Team sync: all of its state is in Dexie, so a worker woken by any of these carries on.
  const scheduler = new SyncScheduler({ db: getDb(), transport: (session) => httpTransport(session) });
  onMessage('syncNow', ({ data, sender }) => {
    if (sender.id !== browser.runtime.id || sender.url?.startsWith('http')) return;
    void scheduler.request(data);
  });
  // Live updates: the server pokes when the team changes and the worker pulls at once; the
  // alarm below stays as the fallback. While connected, the heartbeat keeps this worker alive.
  startLiveUpdates(getDb(), scheduler);
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void scheduler.request('tick');
  });
  self.addEventListener('online', () => void scheduler.request('online'));
  void scheduler.request('tick');

  // Reminders: notifications and the badge (lib/reminders). The runner reads everything it needs
  // from Dexie and lib/clock each time, so it runs whenever something may have changed:
  // - now, at startup;
  // - when its inputs change in Dexie (a pull brought a request, a decision closed one, the
  //   member signed in, settings changed): one liveQuery catches every source of new rows,
  //   where hooking each sync or mutation would miss some (retries, other extension pages);
  // - on the 30 s alarm tick, since time alone makes a request overdue;
  // - when the debug clock offset changes, so a test need not wait for the tick.
  // The reminders' badge goes through the tab badges, which keep the tabs with warnings on top of it.
  const reminders = new ReminderRunner({
    db: getDb(),
    ports: { ...reminderPorts, setBadge: (badge) => badges.setReviews(badge) },
    now: reminderClock,
    beforeRun: loadClockOffset,
  });
  browser.notifications.onClicked.addListener((id) => void openNotification(getDb(), id).catch((e: unknown) => console.warn('Tandem reminders:', e)));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void reminders.run();
  });
  watchClockOffset(() => void reminders.run());
  watchReminderInputs(getDb(), () => void reminders.run());
});

/** Our side panel page (never in a tab). */
function isSidePanel(sender: { id?: string; url?: string; tab?: unknown }): boolean {
  return sender.id === browser.runtime.id && sender.tab === undefined && sender.url === browser.runtime.getURL('/sidepanel.html');
}

const PanelTab = z.object({ tabId: z.number().int().nonnegative() });

/** Our sidebar page, whichever (per-session, dynamic) origin the browser served it from. */
function isSidebarFrame(sender: { id?: string; url?: string }): boolean {
  return sender.id === browser.runtime.id && sender.url !== undefined && safeUrl(sender.url).pathname === '/sidebar.html';
}

function safeUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    return new URL('about:blank');
  }
}
