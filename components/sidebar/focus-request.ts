import { focusStart } from './sidebar-focus';

/**
 * The content script's request to focus the sidebar (the skip link, the shortcut) can come at
 * any point of the frame's boot: before anything is painted, while only the first paint is
 * there, or once the app is up. One that finds nothing to focus waits for the next paint, as long
 * as the keyboard is still in the frame with nothing focused; else it would drop to <body>.
 */
let waiting = false;

export function requestSidebarFocus(doc: Document): void {
  waiting = !focusStart(doc);
}

/**
 * Something new was painted: the first paint, or the app that replaced it. `carried` says the
 * keyboard was on what the paint replaced, so it goes on at the new start.
 */
export function focusAfterPaint(doc: Document, carried = false): void {
  const idle = doc.hasFocus() && (doc.activeElement === null || doc.activeElement === doc.body);
  if (carried || (waiting && idle)) waiting = !focusStart(doc);
  else waiting = false;
}
