import { IDENTITY_SHOWN_MARK } from './marks';
import { focusAfterPaint } from './focus-request';

export const FIRST_PAINT_ID = 'first-paint';

interface PaintableIdentity {
  key: string;
  name: string;
  headline: string | null;
  company: string | null;
  location: string | null;
}

/** Reads just what the header needs from a stored tab state; anything odd paints nothing. */
function paintable(value: unknown): PaintableIdentity | null {
  if (typeof value !== 'object' || value === null) return null;
  const { status, identity } = value as { status?: unknown; identity?: Record<string, unknown> };
  if (status !== 'identified' || typeof identity !== 'object' || identity === null) return null;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const key = text(identity.key);
  const name = text(identity.name);
  if (!key || !name) return null;
  return { key, name, headline: text(identity.headline), company: text(identity.company), location: text(identity.location) };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; testId?: string; text?: string; dir?: 'auto' } = {}) {
  const node = document.createElement(tag);
  if (props.dir) node.dir = props.dir;
  if (props.className) node.className = props.className;
  if (props.testId) node.dataset.testid = props.testId;
  if (props.text !== undefined) node.textContent = props.text;
  return node;
}

/**
 * The sidebar's first paint, before React and the database have loaded: the person's name and
 * headline from the tab state, as text, in the same layout the app then takes over; and the
 * collapsed tab's face, for a frame that is collapsed (theme.css shows one or the other).
 */
export function paintFirst(container: HTMLElement, tabState: unknown): void {
  const identity = paintable(tabState);
  const painted = el('div');
  painted.id = FIRST_PAINT_ID;
  const tab = el('div', { className: 'collapsed-tab' });
  tab.append(el('span', { className: 'tab-name', text: 'Tandem' }));
  const collapsed = el('div', { className: 'collapsed-view' });
  collapsed.append(tab);
  const shell = el('div', { className: 'sidebar' });
  const topbar = el('div', { className: 'topbar' });
  topbar.append(el('span', { className: 'brand', text: 'Tandem' }));
  const content = el('main', { className: 'content' });
  if (identity) {
    const header = el('header', { className: 'prospect-header' });
    // Page text in its own direction (an Arabic name reads right to left), as the app shows it.
    header.append(el('h1', { testId: 'prospect-name', text: identity.name, dir: 'auto' }));
    if (identity.headline) header.append(el('p', { className: 'headline', testId: 'prospect-headline', text: identity.headline, dir: 'auto' }));
    const place = [identity.company, identity.location].filter((p) => p !== null);
    if (place.length) {
      const line = el('p', { className: 'muted' });
      place.forEach((part, i) => line.append(...(i ? [' · '] : []), el('span', { text: part, dir: 'auto' })));
      header.append(line);
    }
    content.append(header, el('p', { className: 'muted', text: 'Loading what your team knows…' }));
    performance.mark(IDENTITY_SHOWN_MARK, { detail: identity.key });
  } else {
    content.append(el('p', { className: 'state muted', text: 'Reading the page…' }));
  }
  shell.append(topbar, content);
  painted.append(collapsed, shell);
  container.append(painted);
}

/**
 * Gives the frame over to the app. The keyboard may have arrived before the app (the skip link or
 * the shortcut on a slow load): on the first paint, or in a frame with nothing to focus yet. It
 * then goes on at the app's start rather than dropping to <body>.
 */
export function removeFirstPaint(): void {
  const painted = document.getElementById(FIRST_PAINT_ID);
  const hadFocus = painted?.contains(document.activeElement) ?? false;
  painted?.remove();
  focusAfterPaint(document, hadFocus);
}
