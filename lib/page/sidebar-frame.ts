import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '@/lib/messaging';
import { sidebarCollapsed, sidebarLayout } from '@/lib/page-storage-items';
import { type ElementGuard, guardElements } from './frame-guard';
import { createPageMargin } from './page-margin';
import { DEFAULT_LAYOUT, frameGeometry, readLayout, reservedPx } from './sidebar-layout';
import { createSkipLink } from './skip-link';

export interface SidebarFrame {
  /** Mount on a page that shows a person; unmount elsewhere. */
  setPresent(present: boolean): void;
  /** The member opens or collapses it: remembered for every profile. */
  setOpen(open: boolean): void;
  /**
   * Opens it for the person on the page only (the sidebar asks, for a do-not-contact person);
   * what the member chose is unchanged and comes back with the next person.
   */
  reveal(): void;
  /** The page now shows this person (by key; null: nobody). */
  showPerson(key: string | null): void;
  /** The keyboard shortcut: into the sidebar, opening it; pressed again, back to where focus was. */
  shortcut(): void;
}

/**
 * Inline and `!important`, so that page style sheets cannot hide, shrink or move the frame
 * (an inline important declaration wins over any author rule); the properties a page would
 * use to make it invisible or let clicks through are pinned too. Its size and place, open or
 * collapsed, are in `frameGeometry`.
 */
const FRAME_STYLE: Record<string, string> = {
  display: 'block',
  position: 'fixed',
  right: '0',
  left: 'auto',
  bottom: 'auto',
  'min-width': '0',
  'max-width': 'none',
  'min-height': '0',
  'max-height': 'none',
  'box-sizing': 'content-box',
  margin: '0',
  padding: '0',
  'border-right': '0',
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

const SKIP_HOST_STYLE: Record<string, string> = { display: 'contents', visibility: 'visible', opacity: '1', filter: 'none', transform: 'none' };

function setImportant(element: HTMLElement, style: Record<string, string>) {
  for (const [name, value] of Object.entries(style)) element.style.setProperty(name, value, 'important');
}

/**
 * The sidebar is an extension page in an iframe: the page can see that it exists, and its size,
 * but cannot read it. Collapsed, the same frame shrinks to a tab at the right edge (the sidebar
 * page draws the tab, with any warning, in the extension's origin), always the same size. The
 * page's only other element is a skip link (closed shadow root, fixed words) first in the tab
 * order. The page can still try to restyle, hide, re-point or remove them: a guard puts them back
 * (their attributes, place and document), and what a click in the frame does can be undone, so a
 * page that overlays it gains nothing.
 */
export function createSidebarFrame(ctx: ContentScriptContext): SidebarFrame {
  /** What the member chose; `open` differs from it while the sidebar is revealed for one person. */
  let chosenOpen = true;
  let open = true;
  let layout = DEFAULT_LAYOUT;
  let person: string | null = null;
  /** Whom the sidebar was revealed for; undefined while it is not. */
  let revealedFor: string | null | undefined;
  let frame: HTMLIFrameElement | undefined;
  let skipLink: HTMLElement | undefined;
  /** The page's element that had focus last: the shortcut goes back to it from the sidebar. */
  let pageFocus: HTMLElement | SVGElement | undefined;
  /** Whether it was open before the keyboard went into it: going back collapses it again if not. */
  let openBeforeEntering = true;
  const margin = createPageMargin(ctx);

  let guard: ElementGuard | undefined;
  /** The frame was just (re)pointed at the sidebar: its next load of a cross-origin document is it. */
  let expectLoad = false;

  const render = () => (guard ? guard.update(apply) : apply());
  const apply = () => {
    if (frame) setImportant(frame, frameGeometry(open, layout));
    margin.set(frame ? reservedPx(open, layout) : 0);
  };

  const mount = () => {
    if (frame) return;
    frame = document.createElement('iframe');
    const src = browser.runtime.getURL('/sidebar.html');
    frame.setAttribute('data-tandem-sidebar', '');
    frame.title = 'Tandem sidebar';
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

    skipLink = createSkipLink(enter);
    setImportant(skipLink, SKIP_HOST_STYLE);
    document.documentElement.prepend(skipLink);
    document.documentElement.append(frame);
    guard = guardElements(ctx, document.documentElement, [frame, skipLink], (element, changes) => {
      // A frame put back in place, or re-pointed, loads its page again.
      if (element === mounted && changes.some((c) => c === 'place' || c === 'attribute:src')) expectLoad = true;
    });
    render();
  };

  const unmount = () => {
    guard?.stop();
    guard = undefined;
    frame?.remove();
    skipLink?.remove();
    frame = skipLink = undefined;
    margin.set(0);
  };

  const remount = () => {
    unmount();
    mount();
  };

  const setOpen = (next: boolean) => {
    chosenOpen = open = next;
    revealedFor = undefined;
    render();
    void sidebarCollapsed.setValue(!next);
  };

  /** Focus into the sidebar, opening it; the sidebar then focuses its first useful element. */
  function enter() {
    if (!frame) return;
    openBeforeEntering = open;
    if (!open) setOpen(true);
    frame.focus();
    void sendMessage('focusSidebar', undefined).catch(() => undefined);
  }

  const leave = () => {
    if (!frame) return;
    if (!openBeforeEntering) setOpen(false);
    openBeforeEntering = true;
    if (pageFocus?.isConnected) pageFocus.focus();
    else frame.blur();
  };

  ctx.addEventListener(document, 'focusin', ({ target }) => {
    if ((target instanceof HTMLElement || target instanceof SVGElement) && target !== frame) pageFocus = target;
  });
  void sidebarCollapsed.getValue().then((collapsed) => {
    chosenOpen = !collapsed;
    if (revealedFor === undefined && open !== chosenOpen) {
      open = chosenOpen;
      render();
    }
  });
  const readLayoutFrom = (value: unknown) => {
    layout = readLayout(value);
    render();
  };
  void sidebarLayout.getValue().then(readLayoutFrom);
  ctx.onInvalidated(sidebarLayout.watch(readLayoutFrom));
  ctx.onInvalidated(unmount);

  return {
    setPresent: (present) => (present ? mount() : unmount()),
    setOpen,
    reveal() {
      if (open) return;
      open = true;
      revealedFor = person;
      render();
    },
    showPerson(key) {
      person = key;
      if (revealedFor === undefined || revealedFor === key) return;
      revealedFor = undefined;
      open = chosenOpen;
      render();
    },
    shortcut: () => (frame && document.activeElement === frame ? leave() : enter()),
  };
}
