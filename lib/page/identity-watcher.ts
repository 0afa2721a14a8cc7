import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageReport } from '@/lib/messaging';
import type { SiteAdapter } from '@/lib/sites/types';

export interface IdentityWatcherOptions {
  /** After the DOM is parsed (or an in-app navigation), how long a profile URL may show nobody before it counts as unidentified. */
  giveUpAfterMs?: number;
  /** Keep watching this long in all, so a person who renders late is still found. */
  watchForMs?: number;
  /** Reads at most this often while the page is changing. */
  minReadIntervalMs?: number;
  /** How often to look for the person while the document is still being parsed. */
  parsePollMs?: number;
}

/**
 * Follows the page's person: from document start, and after every in-app navigation. After
 * pushState the URL changes before the page swaps its DOM, and the adapter returns null while
 * the top card still shows the previous person; so the watcher re-reads as the DOM changes
 * until the person appears. Reads happen in the MutationObserver callback itself (a microtask
 * after the page's change, before the page's own layout work) and are throttled. Everything
 * it starts is owned by `ctx`.
 */
export function watchPageIdentity(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  report: (r: PageReport) => void,
  { giveUpAfterMs = 2500, watchForMs = 30_000, minReadIntervalMs = 25, parsePollMs = 30 }: IdentityWatcherOptions = {},
): void {
  let observer: MutationObserver | undefined;
  const timers = new Set<number>();
  let lastRead = -Infinity;
  let trailingRead: number | undefined;
  let last = '';
  /** Bumped by every navigation, so callbacks of an earlier one do nothing. */
  let generation = 0;

  const send = (r: PageReport) => {
    const signature = JSON.stringify(r);
    if (signature === last) return;
    last = signature;
    report(r);
  };

  const later = (fn: () => void, ms: number) => {
    const id = ctx.setTimeout(() => {
      timers.delete(id);
      fn();
    }, ms);
    timers.add(id);
    return id;
  };

  const stop = () => {
    observer?.disconnect();
    observer = undefined;
    for (const id of timers) clearTimeout(id);
    timers.clear();
    trailingRead = undefined;
  };

  const read = (url: URL): boolean => {
    lastRead = performance.now();
    const identity = adapter.identify(document, url);
    if (!identity) return false;
    stop();
    send({ url: url.href, status: 'identified', identity });
    return true;
  };

  const readThrottled = (url: URL) => {
    const wait = lastRead + minReadIntervalMs - performance.now();
    if (wait <= 0) return void read(url);
    trailingRead ??= later(() => {
      trailingRead = undefined;
      read(url);
    }, wait);
  };

  /** While the DOM changes, re-read it as it settles; a microtask after each change, throttled. */
  const observe = (url: URL) => {
    observer = new MutationObserver(() => readThrottled(url));
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['href', 'content'] });
  };

  const follow = (url: URL) => {
    stop();
    const current = ++generation;
    if (!adapter.isProfileUrl(url)) return send({ url: url.href, status: 'not_profile', identity: null });
    if (read(url)) return;
    send({ url: url.href, status: 'pending', identity: null });
    const giveUpLater = () => later(() => read(url) || send({ url: url.href, status: 'unidentified', identity: null }), giveUpAfterMs);
    later(stop, watchForMs);
    if (document.readyState !== 'loading') {
      observe(url);
      giveUpLater();
      return;
    }
    // While the parser is still adding thousands of nodes, a timer is far cheaper than
    // observing every insertion; the top card is read as soon as it has been parsed.
    const poll = () => {
      if (current !== generation || read(url)) return;
      if (document.readyState === 'loading') later(poll, parsePollMs);
    };
    later(poll, parsePollMs);
    ctx.addEventListener(
      document,
      'DOMContentLoaded',
      () => {
        if (current !== generation || read(url)) return;
        observe(url);
        giveUpLater();
      },
      { once: true },
    );
  };

  ctx.onInvalidated(stop);
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => follow(newUrl));
  follow(new URL(location.href));
}
