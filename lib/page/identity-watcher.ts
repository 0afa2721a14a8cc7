import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageReport } from '@/lib/messaging';
import type { SiteAdapter } from '@/lib/sites/types';

export interface IdentityWatcherOptions {
  /** How long a profile URL may show nobody recognisable before the page counts as unidentified. */
  giveUpAfterMs?: number;
  /** Coalesces bursts of DOM mutations into one read. */
  settleMs?: number;
}

/**
 * Follows the page's person: reads it at start and after every in-app navigation. After
 * pushState the URL changes before the page swaps its DOM, and the adapter returns null while
 * the top card still shows the previous person; so the watcher re-reads on DOM changes until
 * the new person appears or it gives up. Everything it starts is owned by `ctx`.
 */
export function watchPageIdentity(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  report: (r: PageReport) => void,
  { giveUpAfterMs = 4000, settleMs = 20 }: IdentityWatcherOptions = {},
): void {
  let observer: MutationObserver | undefined;
  let giveUp: number | undefined;
  let pendingRead: number | undefined;
  let last = '';

  const send = (r: PageReport) => {
    const signature = JSON.stringify(r);
    if (signature === last) return;
    last = signature;
    report(r);
  };

  const stop = () => {
    observer?.disconnect();
    observer = undefined;
    if (giveUp !== undefined) clearTimeout(giveUp);
    if (pendingRead !== undefined) clearTimeout(pendingRead);
    giveUp = pendingRead = undefined;
  };

  const read = (url: URL): boolean => {
    const identity = adapter.identify(document, url);
    if (!identity) return false;
    stop();
    send({ url: url.href, status: 'identified', identity });
    return true;
  };

  const follow = (url: URL) => {
    stop();
    if (!adapter.isProfileUrl(url)) {
      send({ url: url.href, status: 'not_profile', identity: null });
      return;
    }
    if (read(url)) return;
    send({ url: url.href, status: 'pending', identity: null });
    observer = new MutationObserver(() => {
      pendingRead ??= ctx.setTimeout(() => {
        pendingRead = undefined;
        read(url);
      }, settleMs);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['href', 'content'] });
    giveUp = ctx.setTimeout(() => {
      if (read(url)) return;
      stop();
      send({ url: url.href, status: 'unidentified', identity: null });
    }, giveUpAfterMs);
  };

  ctx.onInvalidated(stop);
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => follow(newUrl));
  follow(new URL(location.href));
}
