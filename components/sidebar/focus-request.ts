import { focusStart } from './sidebar-focus';

/**
 * The content script's request to focus the sidebar (the skip link, the shortcut) can come at
 * any point of the frame's boot: before anything is painted, while only the first paint is
 * there, or once the app is up; and before the frame has its open width, when what it would
 * focus is still hidden and cannot take focus. A request that found nothing to focus waits for
 * the next paint, the frame's resize or its window's focus, as long as the keyboard is in the
 * frame with nothing focused; else it would drop to <body>.
 */
let waiting = false;
/** The frame's window is watched for a waiting request (once, however many requests came). */
let watching = false;

export function requestSidebarFocus(doc: Document): void {
  waiting = !focusStart(doc);
  const view = doc.defaultView;
  if (!waiting || watching || !view) return;
  watching = true;
  const retry = () => {
    focusAfterPaint(doc);
    if (waiting) return;
    watching = false;
    view.removeEventListener('resize', retry);
    view.removeEventListener('focus', retry);
  };
  view.addEventListener('resize', retry);
  view.addEventListener('focus', retry);
}

/**
 * Something new was painted: the first paint, or the app that replaced it (or the frame was
 * resized or focused). `carried` says the keyboard was on what the paint replaced, so it goes on
 * at the new start.
 */
export function focusAfterPaint(doc: Document, carried = false): void {
  const idle = doc.hasFocus() && (doc.activeElement === null || doc.activeElement === doc.body);
  if (carried || (waiting && idle)) waiting = !focusStart(doc);
  else if (!idle) waiting = false;
}
