import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * How long after DOMContentLoaded the sidebar waits for a page still loading. A frame added
 * before the load event holds that event until the frame has loaded (40–100 ms), so a page that
 * loads at once (the fixture's load event comes 60–150 ms after DOMContentLoaded) gets it at its
 * load event. A real profile's load event waits seconds for images: there the frame is added
 * after this grace, once the page is parsed, and boots while the images arrive. On a page held
 * 1.5 s by one image (`bench/sidebar-latency.ts`) the person showed 1,125–1,131 ms after
 * DOMContentLoaded with a 1 s grace and 412–424 ms with this one, the load event no later.
 */
export const SETTLE_GRACE_MS = 300;

/**
 * Resolves when the page has fired its load event, or `graceMs` after its DOM was parsed if
 * it is still loading then. A frame added before the load event delays it and competes with
 * the page's own parsing for CPU; after it, the page is unaffected.
 */
export function pageSettled(ctx: ContentScriptContext, graceMs = SETTLE_GRACE_MS): Promise<void> {
  return new Promise((resolve) => {
    if (document.readyState === 'complete') return resolve();
    ctx.addEventListener(window, 'load', () => resolve(), { once: true });
    const startGrace = () => ctx.setTimeout(resolve, graceMs);
    if (document.readyState === 'interactive') startGrace();
    else ctx.addEventListener(document, 'DOMContentLoaded', startGrace, { once: true });
  });
}
