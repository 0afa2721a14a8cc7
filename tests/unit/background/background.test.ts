import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PAGE_REPORTS_PORT } from '@/lib/page/page-reports';
import { sidebarPlace } from '@/lib/storage-items';
import { readTabState } from '@/lib/tabs/tab-state';
import { identity } from '../../support/db';

type Handler = (message: { data: unknown; sender: chrome.runtime.MessageSender }) => unknown;
const handlers = new Map<string, Handler>();
const sent: unknown[][] = [];

vi.mock('@/lib/messaging', () => ({
  onMessage: (type: string, handler: Handler) => {
    handlers.set(type, handler);
    return () => handlers.delete(type);
  },
  sendMessage: (...args: unknown[]) => {
    sent.push(args);
    return Promise.resolve();
  },
}));

const commandListeners: ((command: string, tab?: { id?: number; windowId?: number }) => void)[] = [];
/** Ports content scripts open (the fake browser has no runtime.connect): what the background listens with. */
type PortListener = (port: { name: string; sender?: chrome.runtime.MessageSender; onMessage: { addListener(fn: (m: unknown) => void): void } }) => void;
const connectListeners: PortListener[] = [];
/** A content script's port to the background: each message posted reaches the background's listeners. */
function openPort(name: string, sender: chrome.runtime.MessageSender) {
  const listeners: ((m: unknown) => void)[] = [];
  for (const listener of connectListeners) listener({ name, sender, onMessage: { addListener: (fn) => listeners.push(fn) } });
  return { post: (message: unknown) => listeners.forEach((fn) => fn(message)) };
}
/** Chrome's side panel and the toolbar popup, which the fake browser lacks. */
const sidePanel = { open: vi.fn(() => Promise.resolve()), setOptions: vi.fn(() => Promise.resolve()), setPanelBehavior: vi.fn(() => Promise.resolve()) };
let popup = 'popup.html';

beforeEach(async () => {
  fakeBrowser.reset();
  handlers.clear();
  sent.length = 0;
  commandListeners.length = 0;
  connectListeners.length = 0;
  Object.values(sidePanel).forEach((fn) => fn.mockClear());
  popup = 'popup.html';
  // The fake browser has no commands API; this is the part of it the background uses.
  Object.assign(fakeBrowser, { commands: { onCommand: { addListener: (fn: (typeof commandListeners)[number]) => commandListeners.push(fn) } }, sidePanel });
  Object.assign(fakeBrowser.runtime, {
    getManifest: () => ({ manifest_version: 3, action: { default_popup: 'popup.html' } }),
    onConnect: { addListener: (fn: PortListener) => connectListeners.push(fn) },
  });
  Object.assign(fakeBrowser.action, { setPopup: ({ popup: p }: { popup: string }) => Promise.resolve(void (popup = p)) });
  const { default: background } = await import('@/entrypoints/background');
  background.main();
});

const fromPage = (tabId: number, frameId = 0): chrome.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, tab: { id: tabId } as chrome.tabs.Tab, frameId });
const fromSidebar = (tabId: number): chrome.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  tab: { id: tabId } as chrome.tabs.Tab,
  frameId: 3,
  url: `chrome-extension://${fakeBrowser.runtime.id}/sidebar.html`,
});

describe('background', () => {
  it("records the person a tab's top frame reports, validated", async () => {
    await handlers.get('reportPage')!({ data: { url: 'https://www.linkedin.com/in/ada-lovelace/', status: 'identified', identity: identity() }, sender: fromPage(4) });
    expect(await readTabState(4)).toMatchObject({ status: 'identified', identity: { key: 'linkedin:ada-lovelace' } });
    await handlers.get('reportPage')!({ data: { url: 'u', status: 'identified', identity: { name: '<b>' } }, sender: fromPage(5) });
    expect((await readTabState(5))?.status).toBe('unidentified');
  });

  it('records the reports a top frame posts on its port, in order, and ignores a sub-frame’s port', async () => {
    const port = openPort(PAGE_REPORTS_PORT, fromPage(7));
    port.post({ url: 'https://www.linkedin.com/in/ada-lovelace/', status: 'pending', identity: null });
    port.post({ url: 'https://www.linkedin.com/in/ada-lovelace/', status: 'identified', identity: identity() });
    await vi.waitFor(async () => expect(await readTabState(7)).toMatchObject({ status: 'identified', identity: { key: 'linkedin:ada-lovelace' } }));
    openPort(PAGE_REPORTS_PORT, fromPage(8, 2)).post({ url: 'u', status: 'identified', identity: identity() });
    openPort('another-port', fromPage(9)).post({ url: 'u', status: 'identified', identity: identity() });
    await new Promise((r) => setTimeout(r, 20));
    expect(await readTabState(8)).toBeNull();
    expect(await readTabState(9)).toBeNull();
  });

  it('ignores reports from sub-frames and other extensions', async () => {
    const report = { url: 'u', status: 'identified', identity: identity() };
    await handlers.get('reportPage')!({ data: report, sender: fromPage(6, 2) });
    await handlers.get('reportPage')!({ data: report, sender: { ...fromPage(6), id: 'someone-else' } });
    expect(await readTabState(6)).toBeNull();
  });

  it("hands the keyboard command to the active tab's top frame, which moves focus into the sidebar or back", async () => {
    await sidebarPlace.setValue('page');
    await vi.waitFor(() => expect(sidePanel.setOptions).toHaveBeenLastCalledWith({ enabled: false }));
    commandListeners.forEach((fn) => fn('toggle-sidebar', { id: 9, windowId: 1 }));
    commandListeners.forEach((fn) => fn('something-else', { id: 9 }));
    expect(sent).toEqual([['sidebarShortcut', undefined, { tabId: 9, frameId: 0 }]]);
    expect(sidePanel.open).not.toHaveBeenCalled();
  });

  it('in side-panel mode, opens the panel from the shortcut at once and the toolbar button opens it instead of the popup', async () => {
    await sidebarPlace.setValue('panel');
    await vi.waitFor(() => expect(sidePanel.setPanelBehavior).toHaveBeenLastCalledWith({ openPanelOnActionClick: true }));
    expect(sidePanel.setOptions).toHaveBeenLastCalledWith({ enabled: true });
    expect(popup).toBe('');
    commandListeners.forEach((fn) => fn('toggle-sidebar', { id: 9, windowId: 3 }));
    // Synchronously: Chrome refuses to open the panel after an await.
    expect(sidePanel.open).toHaveBeenCalledWith({ windowId: 3 });
    expect(sent).toEqual([]);

    await sidebarPlace.setValue('page');
    await vi.waitFor(() => expect(sidePanel.setPanelBehavior).toHaveBeenLastCalledWith({ openPanelOnActionClick: false }));
    expect(popup).toBe('popup.html');
  });

  it('opens the panel and tells the page while the place is not read yet (a worker woken by the shortcut)', async () => {
    await sidebarPlace.setValue('page');
    // A worker starting: the shortcut arrives before the place is read.
    const { default: background } = await import('@/entrypoints/background');
    commandListeners.length = 0;
    background.main();
    commandListeners.forEach((fn) => fn('toggle-sidebar', { id: 9, windowId: 3 }));
    expect(sidePanel.open).toHaveBeenCalledWith({ windowId: 3 });
    expect(sent).toEqual([['sidebarShortcut', undefined, { tabId: 9, frameId: 0 }]]);
  });

  it('tells the sidebar frame its tab, and nobody else', async () => {
    expect(await handlers.get('sidebarHello')!({ data: undefined, sender: fromSidebar(21) })).toEqual({ tabId: 21 });
    expect(await handlers.get('sidebarHello')!({ data: undefined, sender: fromPage(21) })).toBeNull();
  });

  it("closes the sidebar when its own frame asks, and only then", async () => {
    await handlers.get('setSidebarOpen')!({ data: false, sender: fromSidebar(11) });
    await handlers.get('setSidebarOpen')!({ data: false, sender: { ...fromSidebar(12), url: 'https://www.linkedin.com/in/x/' } });
    expect(sent).toEqual([['showSidebar', false, { tabId: 11, frameId: 0 }]]);
  });

  it('passes on a request to open the sidebar for this person only', async () => {
    await handlers.get('setSidebarOpen')!({ data: 'reveal', sender: fromSidebar(11) });
    await handlers.get('setSidebarOpen')!({ data: 'anything else', sender: fromSidebar(11) });
    expect(sent).toEqual([
      ['showSidebar', 'reveal', { tabId: 11, frameId: 0 }],
      ['showSidebar', false, { tabId: 11, frameId: 0 }],
    ]);
  });
});

describe('the toolbar badge of a tab', () => {
  const ada = { url: 'https://www.linkedin.com/in/ada-lovelace/', status: 'identified', identity: identity() };
  const grace = { url: 'https://www.linkedin.com/in/grace-hopper/', status: 'identified', identity: identity('grace-hopper') };
  const badge = async (tabId: number) => ({ text: await fakeBrowser.action.getBadgeText({ tabId }), title: await fakeBrowser.action.getTitle({ tabId }) });

  it("marks a warning on the person's tab, from the sidebar of that tab only", async () => {
    await handlers.get('reportPage')!({ data: ada, sender: fromPage(4) });
    await handlers.get('sidebarWarnings')!({ data: { profileKey: 'linkedin:ada-lovelace', kinds: ['do_not_contact'] }, sender: fromPage(4) });
    expect((await badge(4)).text).toBe('');
    await handlers.get('sidebarWarnings')!({ data: { profileKey: 'linkedin:ada-lovelace', kinds: ['do_not_contact'] }, sender: fromSidebar(4) });
    expect(await badge(4)).toEqual({ text: '!', title: 'Tandem — this profile: Do not contact' });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('drops the mark when the tab moves on to another person, and takes no report about the last one', async () => {
    await handlers.get('reportPage')!({ data: ada, sender: fromPage(4) });
    await handlers.get('sidebarWarnings')!({ data: { profileKey: 'linkedin:ada-lovelace', kinds: ['recent_outreach'] }, sender: fromSidebar(4) });
    await handlers.get('reportPage')!({ data: grace, sender: fromPage(4) });
    expect((await badge(4)).text).toBe('');
    await handlers.get('sidebarWarnings')!({ data: { profileKey: 'linkedin:ada-lovelace', kinds: ['recent_outreach'] }, sender: fromSidebar(4) });
    expect((await badge(4)).text).toBe('');
  });

  it('takes the tab from the side panel, which is in none, and from nobody else', async () => {
    const panel: chrome.runtime.MessageSender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') };
    const report = { profileKey: 'linkedin:ada-lovelace', kinds: ['do_not_contact'], tabId: 4 };
    await handlers.get('reportPage')!({ data: ada, sender: fromPage(4) });
    // A page's script naming a tab, and a sidebar frame naming another than its own: not taken.
    await handlers.get('sidebarWarnings')!({ data: report, sender: { ...fromPage(5), url: fakeBrowser.runtime.getURL('/sidepanel.html') } });
    await handlers.get('sidebarWarnings')!({ data: report, sender: fromSidebar(5) });
    expect((await badge(4)).text).toBe('');
    await handlers.get('sidebarWarnings')!({ data: { ...report, tabId: 'four' }, sender: panel });
    expect((await badge(4)).text).toBe('');
    await handlers.get('sidebarWarnings')!({ data: report, sender: panel });
    expect((await badge(4)).text).toBe('!');
  });

  it('refuses a report that is not a warnings report', async () => {
    await handlers.get('reportPage')!({ data: ada, sender: fromPage(4) });
    await handlers.get('sidebarWarnings')!({ data: { profileKey: 'linkedin:ada-lovelace', kinds: ['made_up'] }, sender: fromSidebar(4) });
    expect((await badge(4)).text).toBe('');
  });
});
