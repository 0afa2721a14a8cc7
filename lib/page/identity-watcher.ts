import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PageReport } from '@/lib/messaging';
import type { ProspectIdentity } from '@/lib/model/identity';
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
 * Follows the page's person: from document start, and after every in-app navigation, reading
 * each URL with the adapter `adapterFor` gives for it (LinkedIn and Recruiter share one script).
 * After pushState the URL changes before the page swaps its DOM, and the adapter returns null
 * (or a stand-in) while the page still shows the previous person; so the watcher re-reads as
 * the DOM changes until the person appears. A stand-in ("Candidate 4521 on Greenhouse": the app
 * has not rendered the name yet) is reported at once and the watch goes on, so the real name
 * replaces it when it renders; a stand-in never replaces a name already read for that person.
 * Reads happen in the MutationObserver callback itself (a microtask after the page's change,
 * before the page's own layout work) and are throttled. Everything it starts is owned by `ctx`.
 */
export function watchPageIdentity(
  ctx: ContentScriptContext,
  adapterFor: (url: URL) => SiteAdapter | null,
  report: (r: PageReport) => void,
  { giveUpAfterMs = 2500, watchForMs = 30_000, minReadIntervalMs = 25, parsePollMs = 30 }: IdentityWatcherOptions = {},
): void {
  let observer: MutationObserver | undefined;
  const timers = new Set<number>();
  let lastRead = -Infinity;
  let trailingRead: number | undefined;
  let last = '';
  /** The URL being followed: route changes are noticed in several ways, each followed once. */
  let followed = '';
  /** The last identity read with a real name: a stand-in for the same person does not replace it. */
  let named: ProspectIdentity | undefined;
  /** This navigation's person has been shown with a stand-in name, so it is not unidentified. */
  let standingIn = false;
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

  /**
   * After the URL moved to another person, a page still showing everything the last person's
   * did (an app's drawer re-renders after its URL changes) is the last person, whatever key the
   * URL gives: wait for the page to change rather than put their name on someone else.
   */
  const showsPrevious = (identity: ProspectIdentity) =>
    named !== undefined &&
    identity.key !== named.key &&
    identity.name === named.name &&
    identity.headline === named.headline &&
    identity.company === named.company &&
    identity.location === named.location &&
    JSON.stringify(identity.sameAs ?? []) === JSON.stringify(named.sameAs ?? []);

  /** Reads the page; true once the person is known by name (nothing more to wait for). */
  const read = (adapter: SiteAdapter, url: URL): boolean => {
    lastRead = performance.now();
    const identity = adapter.identify(document, url);
    if (!identity || showsPrevious(identity)) return false;
    if (identity.nameIsStandIn === true) {
      standingIn = true;
      send({ url: url.href, status: 'identified', identity: named?.key === identity.key ? named : identity });
      return false;
    }
    stop();
    named = identity;
    send({ url: url.href, status: 'identified', identity });
    return true;
  };

  const readThrottled = (adapter: SiteAdapter, url: URL) => {
    const wait = lastRead + minReadIntervalMs - performance.now();
    if (wait <= 0) return void read(adapter, url);
    trailingRead ??= later(() => {
      trailingRead = undefined;
      read(adapter, url);
    }, wait);
  };

  /** While the DOM changes, re-read it as it settles; a microtask after each change, throttled. */
  const observe = (adapter: SiteAdapter, url: URL) => {
    observer = new MutationObserver(() => readThrottled(adapter, url));
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['href', 'content'] });
  };

  const follow = (url: URL) => {
    if (url.href === followed) return;
    followed = url.href;
    stop();
    standingIn = false;
    const current = ++generation;
    const adapter = adapterFor(url);
    if (!adapter?.isProfileUrl(url)) return send({ url: url.href, status: 'not_profile', identity: null });
    if (read(adapter, url)) return;
    if (!standingIn) send({ url: url.href, status: 'pending', identity: null });
    const giveUpLater = () => later(() => read(adapter, url) || standingIn || send({ url: url.href, status: 'unidentified', identity: null }), giveUpAfterMs);
    later(stop, watchForMs);
    if (document.readyState !== 'loading') {
      observe(adapter, url);
      giveUpLater();
      return;
    }
    // While the parser is still adding thousands of nodes, a timer is far cheaper than
    // observing every insertion; the top card is read as soon as it has been parsed.
    const poll = () => {
      if (current !== generation || read(adapter, url)) return;
      if (document.readyState === 'loading') later(poll, parsePollMs);
    };
    later(poll, parsePollMs);
    ctx.addEventListener(
      document,
      'DOMContentLoaded',
      () => {
        if (current !== generation || read(adapter, url)) return;
        observe(adapter, url);
        giveUpLater();
      },
      { once: true },
    );
  };

  ctx.onInvalidated(stop);
  followRouteChanges(ctx, follow);
  follow(new URL(location.href));
}

/**
 * Calls `follow` with the new URL whenever the page's app changes it (pushState, replaceState,
 * back and forward). WXT's `wxt:locationchange` hears them through the Navigation API where the
 * browser has it (Chrome 102+); elsewhere WXT polls once a second, so the watcher also looks at
 * the address on `popstate` and whenever the DOM changes (an app re-renders when its route
 * changes). A content script cannot hook the page's own `history.pushState`: it runs in an
 * isolated world.
 */
function followRouteChanges(ctx: ContentScriptContext, follow: (url: URL) => void): void {
  let seen = location.href;
  /** `follow` itself ignores the URL it follows; this spares building a URL on every DOM change. */
  const followIfMoved = () => {
    if (location.href === seen) return;
    seen = location.href;
    follow(new URL(seen));
  };
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => follow(newUrl));
  ctx.addEventListener(window, 'popstate', followIfMoved);
  if (typeof (globalThis as { navigation?: EventTarget }).navigation?.addEventListener === 'function') return;
  const routeObserver = new MutationObserver(followIfMoved);
  routeObserver.observe(document, { childList: true, subtree: true });
  ctx.onInvalidated(() => routeObserver.disconnect());
}
