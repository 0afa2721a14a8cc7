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
 * attribute, the margin is put back (with the frame guard's budget). Only what this sets is
 * ever removed. What it cannot change: elements the page fixes to the window (LinkedIn's top bar
 * and messaging drawer) still span the whole window, and layouts with a minimum width wider than
 * what is left scroll sideways.
 */
export function createPageMargin(ctx: Pick<ContentScriptContext, 'setTimeout' | 'onInvalidated'>): PageMargin {
  const root = document.documentElement;
  let px = 0;
  let applied = false;

  const apply = () => {
    if (px > 0) {
      root.style.setProperty('margin-right', `${px}px`, 'important');
      applied = true;
    } else if (applied) {
      root.style.removeProperty('margin-right');
      applied = false;
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
