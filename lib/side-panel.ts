import { browser } from 'wxt/browser';
import type { SidebarPlace } from '@/lib/page/sidebar-place';

/** Firefox's sidebar (`sidebar_action`), which Chrome's types do not describe. */
interface SidebarAction {
  open(): Promise<void>;
  toggle(): Promise<void>;
}

const firefoxSidebar = (): SidebarAction | undefined => (browser as unknown as { sidebarAction?: SidebarAction }).sidebarAction;
const chromeSidePanel = () => (browser as Partial<typeof browser>).sidePanel;

/**
 * Opens the panel in `windowId` (absent: the current window). Browsers open it only in answer to
 * the member's action (a click, the shortcut), so call this first thing in the handler: Firefox
 * refuses it after an await, Chrome too in the worker (a page keeps the activation a while).
 */
export function openSidePanel(windowId?: number): Promise<void> {
  const chrome = chromeSidePanel();
  if (!chrome) return firefoxSidebar()?.open() ?? Promise.reject(new Error('This browser has no side panel.'));
  if (windowId !== undefined) return chrome.open({ windowId });
  // From Options, choosing the panel: Chrome lists it only in side-panel mode (applyPlace) and
  // the worker may not have heard of the choice yet. A page keeps the member's activation for
  // a few seconds, long enough for these.
  return Promise.all([browser.windows.getCurrent(), chrome.setOptions({ enabled: true })]).then(([w]) => chrome.open({ windowId: w.id! }));
}

/** Firefox's toolbar button in side-panel mode (Chrome's opens the panel by itself, see applyPlace). */
export function toggleFirefoxSidebar(): void {
  if (chromeSidePanel()) return;
  void firefoxSidebar()
    ?.toggle()
    .catch(() => undefined);
}

/**
 * Makes the browser's own controls follow the place. Side panel: the toolbar button opens the
 * panel (no popup), and Chrome lists Tandem among its side panels. Page: the popup, and Chrome
 * does not list (or show) the panel, so it never shows twice. Settings the browser keeps only
 * while it runs: the worker applies them at every start.
 */
export async function applyPlace(place: SidebarPlace): Promise<void> {
  const panel = place === 'panel';
  const popup = panel ? '' : ((browser.runtime.getManifest() as chrome.runtime.ManifestV3).action?.default_popup ?? '');
  await browser.action.setPopup({ popup });
  const chrome = chromeSidePanel();
  if (!chrome) return;
  await chrome.setOptions({ enabled: panel });
  await chrome.setPanelBehavior({ openPanelOnActionClick: panel });
}

/**
 * Whether the shortcut should open the panel: in side-panel mode, or (Chrome only) while the
 * place is not yet read, since a worker woken by the shortcut has no time to read it and Chrome
 * refuses the panel after an await. Chrome's panel is disabled in page mode, so trying is safe.
 */
export function shortcutOpensPanel(place: SidebarPlace | undefined): boolean {
  return place === 'panel' || (place === undefined && chromeSidePanel() !== undefined);
}
