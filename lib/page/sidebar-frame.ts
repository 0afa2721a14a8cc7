import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

const WIDTH_PX = 380;
const COLLAPSED_KEY = 'local:sidebarCollapsed';

export interface SidebarFrame {
  /** Mount on a page that shows a person; unmount elsewhere. */
  setPresent(present: boolean): void;
  setOpen(open: boolean | 'toggle'): void;
}

/**
 * The sidebar is an extension page in an iframe: the page can see that it exists but cannot
 * read it. The toggle button lives in a closed shadow root so page CSS neither hides nor
 * restyles it; neither holds any of the team's data.
 */
export function createSidebarFrame(ctx: ContentScriptContext): SidebarFrame {
  let open = true;
  let host: HTMLElement | undefined;
  let frame: HTMLIFrameElement | undefined;
  let toggle: HTMLButtonElement | undefined;

  const render = () => {
    if (frame) frame.style.display = open ? 'block' : 'none';
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
    frame.setAttribute('data-tandem-sidebar', '');
    frame.title = 'Tandem';
    frame.src = browser.runtime.getURL('/sidebar.html');
    Object.assign(frame.style, {
      position: 'fixed',
      top: '0',
      right: '0',
      width: `${WIDTH_PX}px`,
      height: '100vh',
      border: '0',
      borderLeft: '1px solid rgba(0,0,0,.15)',
      boxShadow: '-4px 0 16px rgba(0,0,0,.08)',
      zIndex: '2147483646',
      background: '#fff',
      colorScheme: 'normal',
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
    document.documentElement.append(frame, host);
    render();
  };

  const unmount = () => {
    frame?.remove();
    host?.remove();
    frame = toggle = host = undefined;
  };

  const setOpen = (next: boolean | 'toggle') => {
    open = next === 'toggle' ? !open : next;
    render();
    void browser.storage.local.set({ [COLLAPSED_KEY]: !open });
  };

  void browser.storage.local.get(COLLAPSED_KEY).then((items) => {
    if (items[COLLAPSED_KEY] === true && open) {
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
