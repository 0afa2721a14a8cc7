import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Resolves when the page has fired its load event, or `graceMs` after its DOM was parsed if
 * it is still loading then. A frame added before the load event delays it and competes with
 * the page's own parsing for CPU; after it, the page is unaffected. Slow pages (a real
 * LinkedIn load takes seconds) get the sidebar after the grace period instead.
 */
export function pageSettled(ctx: ContentScriptContext, graceMs = 1000): Promise<void> {
  return new Promise((resolve) => {
    if (document.readyState === 'complete') return resolve();
    ctx.addEventListener(window, 'load', () => resolve(), { once: true });
    const startGrace = () => ctx.setTimeout(resolve, graceMs);
    if (document.readyState === 'interactive') startGrace();
    else ctx.addEventListener(document, 'DOMContentLoaded', startGrace, { once: true });
  });
}
