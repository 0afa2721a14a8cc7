import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { restoreBudget } from './frame-guard';

export interface PageMargin {
  /** Leaves this many pixels free on the page's right (0: none). */
  set(px: number): void;
}

/**
 * "Push the page": a right margin on the root element, so the page lays itself out beside the
 * open sidebar instead of under it. Inline and `!important` (through the CSSOM, which the page's
 * CSP does not govern), so style sheets cannot undo it; if the page rewrites the root's `style`
 * attribute, the margin is put back (with the frame guard's budget). The page's own margin
 * there, if it had one, comes back when the room is given back. What it cannot change: elements the page fixes to the window (LinkedIn's top bar
 * and messaging drawer) still span the whole window, and layouts with a minimum width wider than
 * what is left scroll sideways.
 */
export function createPageMargin(ctx: Pick<ContentScriptContext, 'setTimeout' | 'onInvalidated'>): PageMargin {
  const root = document.documentElement;
  let px = 0;
  /** The page's own right margin on the root, while ours replaces it. */
  let pages: { value: string; priority: string } | undefined;

  const apply = () => {
    if (px > 0) {
      pages ??= { value: root.style.getPropertyValue('margin-right'), priority: root.style.getPropertyPriority('margin-right') };
      root.style.setProperty('margin-right', `${px}px`, 'important');
    } else if (pages) {
      root.style.setProperty('margin-right', pages.value, pages.priority);
      pages = undefined;
    }
  };
  const intact = () => px === 0 || (root.style.getPropertyValue('margin-right') === `${px}px` && root.style.getPropertyPriority('margin-right') === 'important');
  const check = () => {
    if (!intact() && budget.take()) apply();
  };
  const budget = restoreBudget(ctx, check);
  const observer = new MutationObserver(check);
  observer.observe(root, { attributes: true, attributeFilter: ['style'] });
  ctx.onInvalidated(() => {
    observer.disconnect();
    px = 0;
    apply();
  });

  return {
    set(next) {
      if (next === px && intact()) return;
      px = next;
      apply();
    },
  };
}
