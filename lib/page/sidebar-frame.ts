import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sidebarCollapsed } from '@/lib/storage-items';
import { type ElementGuard, guardElements } from './frame-guard';

const WIDTH_PX = 380;

export interface SidebarFrame {
  /** Mount on a page that shows a person; unmount elsewhere. */
  setPresent(present: boolean): void;
  setOpen(open: boolean | 'toggle'): void;
}

/**
 * Inline and `!important`, so that page style sheets cannot hide, shrink or move the frame
 * (an inline important declaration wins over any author rule); the properties a page would
 * use to make it invisible or let clicks through are pinned too.
 */
const FRAME_STYLE: Record<string, string> = {
  position: 'fixed',
  top: '0',
  right: '0',
  left: 'auto',
  bottom: 'auto',
  width: `${WIDTH_PX}px`,
  'min-width': '0',
  'max-width': 'none',
  height: '100vh',
  'max-height': 'none',
  margin: '0',
  padding: '0',
  border: '0',
  'border-left': '1px solid rgba(0,0,0,.15)',
  'box-shadow': '-4px 0 16px rgba(0,0,0,.08)',
  'z-index': '2147483646',
  background: '#fff',
  'color-scheme': 'normal',
  opacity: '1',
  visibility: 'visible',
  transform: 'none',
  filter: 'none',
  'clip-path': 'none',
  'pointer-events': 'auto',
};

const TOGGLE_HOST_STYLE: Record<string, string> = { display: 'contents', visibility: 'visible', opacity: '1', filter: 'none', transform: 'none' };

function setImportant(element: HTMLElement, style: Record<string, string>) {
  for (const [name, value] of Object.entries(style)) element.style.setProperty(name, value, 'important');
}

/**
 * The sidebar is an extension page in an iframe: the page can see that it exists but cannot
 * read it. The toggle button lives in a closed shadow root so page CSS neither hides nor
 * restyles it; neither holds any of the team's data. The page can still try to restyle, hide,
 * re-point or remove the frame: a guard puts it back (its attributes, place and document), and
 * what a click in it does can be undone, so a page that overlays it gains nothing.
 */
export function createSidebarFrame(ctx: ContentScriptContext): SidebarFrame {
  let open = true;
  let host: HTMLElement | undefined;
  let frame: HTMLIFrameElement | undefined;
  let toggle: HTMLButtonElement | undefined;

  let guard: ElementGuard | undefined;
  /** The frame was just (re)pointed at the sidebar: its next load of a cross-origin document is it. */
  let expectLoad = false;

  const render = () => (guard ? guard.update(apply) : apply());
  const apply = () => {
    if (frame) frame.style.setProperty('display', open ? 'block' : 'none', 'important');
    if (toggle) {
      toggle.setAttribute('aria-expanded', String(open));
      toggle.setAttribute('aria-label', open ? 'Hide Tandem sidebar (Alt+Shift+T)' : 'Show Tandem sidebar (Alt+Shift+T)');
      toggle.title = toggle.getAttribute('aria-label') ?? '';
      toggle.textContent = open ? '›' : '‹ Tandem';
      toggle.style.right = open ? `${WIDTH_PX}px` : '0';
    }
  };

  const mount = () => {
    if (host) return;
    frame = document.createElement('iframe');
    const src = browser.runtime.getURL('/sidebar.html');
    frame.setAttribute('data-tandem-sidebar', '');
    frame.title = 'Tandem';
    frame.src = src;
    expectLoad = true;
    setImportant(frame, FRAME_STYLE);
    const mounted = frame;
    mounted.addEventListener('load', () => {
      // The sidebar is cross-origin to the page, so a document this script can open is not it
      // (whatever navigation it replaced); any other load is ours only if we started one.
      const notSidebar = mounted.contentDocument !== null;
      if (expectLoad && !notSidebar) {
        expectLoad = false;
        return;
      }
      // Navigated by someone else (the page can set a child frame's location): a new frame
      // loads the sidebar afresh, as at first.
      if (mounted === frame) ctx.setTimeout(remount, 0);
    });

    host = document.createElement('tandem-sidebar-toggle');
    const shadow = host.attachShadow({ mode: 'closed' });
    toggle = document.createElement('button');
    toggle.type = 'button';
    Object.assign(toggle.style, {
      position: 'fixed',
      top: '96px',
      zIndex: '2147483647',
      font: '600 13px/1 system-ui, sans-serif',
      padding: '8px 10px',
      border: '1px solid rgba(0,0,0,.2)',
      borderRight: '0',
      borderRadius: '8px 0 0 8px',
      background: '#0b5cad',
      color: '#fff',
      cursor: 'pointer',
    });
    toggle.addEventListener('click', () => setOpen('toggle'));
    shadow.append(toggle);
    setImportant(host, TOGGLE_HOST_STYLE);
    document.documentElement.append(frame, host);
    guard = guardElements(ctx, document.documentElement, [frame, host], (element, changes) => {
      // A frame put back in place, or re-pointed, loads its page again.
      if (element === mounted && changes.some((c) => c === 'place' || c === 'attribute:src')) expectLoad = true;
    });
    render();
  };

  const unmount = () => {
    guard?.stop();
    guard = undefined;
    frame?.remove();
    host?.remove();
    frame = toggle = host = undefined;
  };

  const remount = () => {
    unmount();
    mount();
  };

  const setOpen = (next: boolean | 'toggle') => {
    open = next === 'toggle' ? !open : next;
    render();
    void sidebarCollapsed.setValue(!open);
  };

  void sidebarCollapsed.getValue().then((collapsed) => {
    if (collapsed && open) {
      open = false;
      render();
    }
  });
  ctx.onInvalidated(unmount);

  return {
    setPresent: (present) => (present ? mount() : unmount()),
    setOpen,
  };
}
