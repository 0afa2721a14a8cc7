// Budgets (issue 13), in headless Debian Chromium with the built extension:
// - the sidebar shows the identity ≤ 100 ms after DOMContentLoaded (median of 10 loads of
//   member-2025-04-fresh-load.html);
// - the page's load event at most 3 % later with the extension than without (same run, ratio);
// - after in-app navigation the sidebar shows the new person within 120 ms.
// Then the same two figures on that page with one slow image, as a real page loads (no budget).
// BENCH_RUNS sets the number of loads (default 10).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { type ExtensionBrowser, launchChromium, launchWithExtension } from '../tests/e2e/support/chromium';
import { startFixtureServer } from '../tests/e2e/support/fixture-server';
import { median, out, round } from './support/harness';
import { SHARED_FIXTURES } from '../tests/e2e/support/paths';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const PROFILE = 'https://www.linkedin.com/in/robertkcheung/';
const NEXT_PATH = '/in/jordanvale/';
const fixture = (f: string) => readFileSync(path.join(SHARED_FIXTURES, 'linkedin', f));

/** Loads the profile; returns epoch ms of DOMContentLoaded and ms from navigation start to load. */
async function load(page: Page) {
  await page.goto(PROFILE, { waitUntil: 'load' });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { dclAt: performance.timeOrigin + nav.domContentLoadedEventStart, loadMs: nav.loadEventStart };
  });
}

/** Epoch ms at which the sidebar frame marked the person with `key` as shown. */
async function identityShownAt(page: Page, key: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().includes('/sidebar.html'));
    const at = await frame
      ?.evaluate((k) => {
        const mark = performance.getEntriesByName('tandem:identity-shown').find((m) => (m as PerformanceMark).detail === k);
        return mark ? performance.timeOrigin + mark.startTime : null;
      }, key)
      .catch(() => null);
    if (at) return at;
    await page.waitForTimeout(5);
  }
  throw new Error(`the sidebar never showed ${key}`);
}

/**
 * The fixture page loads everything it asks for in tens of milliseconds, so its load event comes
 * soon after DOMContentLoaded; a real profile's waits seconds for images and the like. The slow
 * page is the same page with one image answered `SLOW_IMAGE_MS` late, as a real page's load is
 * held (not a budget of the issue: it shows what a member sees on such a page).
 */
const SLOW_IMAGE_MS = 1_500;
const SLOW_IMAGE = 'https://www.linkedin.com/tandem-bench/slow.png';

async function loadAndIdentity(ext: ExtensionBrowser, plain: BrowserContext, slow = false) {
  const identityMs: number[] = [];
  const withMs: number[] = [];
  const withoutMs: number[] = [];
  // A warm-up load each, then alternate so both see the same machine load.
  for (let i = -1; i < RUNS; i++) {
    const page = await ext.context.newPage();
    const t = await load(page);
    const shown = await identityShownAt(page, 'linkedin:robertkcheung');
    await page.close();
    const other = await plain.newPage();
    const u = await load(other);
    await other.close();
    if (i < 0) continue;
    identityMs.push(shown - t.dclAt);
    withMs.push(t.loadMs);
    withoutMs.push(u.loadMs);
  }
  const identity = { runs: RUNS, medianMs: round(median(identityMs)), minMs: round(Math.min(...identityMs)), maxMs: round(Math.max(...identityMs)) };
  const loadEvent = { runs: RUNS, medianWithMs: round(median(withMs)), medianWithoutMs: round(median(withoutMs)), ratio: +(median(withMs) / median(withoutMs)).toFixed(3) };
  if (slow) {
    const page = { slowImageMs: SLOW_IMAGE_MS };
    out({ bench: 'sidebar-identity-after-dcl-slow-page', ...identity, ...page });
    out({ bench: 'page-load-event-slow-page', ...loadEvent, ...page });
  } else {
    out({ bench: 'sidebar-identity-after-dcl', ...identity, budgetMs: 100 });
    out({ bench: 'page-load-event', ...loadEvent, budgetRatio: 1.03 });
  }
}

async function inAppNavigation(ext: ExtensionBrowser) {
  const next = fixture('member-2025-04-spa-navigation.html').toString('utf8');
  const navMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await ext.context.newPage();
    await page.goto(PROFILE, { waitUntil: 'load' });
    await identityShownAt(page, 'linkedin:robertkcheung');
    // LinkedIn's router changes the URL first and swaps the top card a moment later.
    const startedAt = await page.evaluate(
      ([html, nextPath]) => {
        const tt = (window as unknown as { trustedTypes: { createPolicy(n: string, p: object): { createHTML(s: string): string } } }).trustedTypes;
        const policy = tt.createPolicy('dompurify', { createHTML: (s: string) => s });
        const doc = new DOMParser().parseFromString(policy.createHTML(html), 'text/html');
        const at = performance.timeOrigin + performance.now();
        history.pushState({}, '', nextPath);
        setTimeout(() => document.body.replaceWith(document.adoptNode(doc.body)), 30);
        return at;
      },
      [next, NEXT_PATH] as const,
    );
    navMs.push((await identityShownAt(page, 'linkedin:jordanvale')) - startedAt);
    await page.close();
  }
  out({ bench: 'spa-navigation-to-identity', runs: RUNS, medianMs: round(median(navMs)), maxMs: round(Math.max(...navMs)), budgetMs: 120, note: 'from pushState; the page swaps its 1.9 MB DOM 30 ms later' });
}

const server = await startFixtureServer();
server.route({ url: PROFILE, body: fixture('member-2025-04-fresh-load.html') });
const ext = await launchWithExtension({ hostResolverRules: server.hostResolverRules });
const plain = await launchChromium({ hostResolverRules: server.hostResolverRules });
// tsx compiles with keepNames, so functions passed to page.evaluate call a `__name` helper
// that only exists in Node; give pages a no-op one.
for (const context of [ext.context, plain.context]) await context.addInitScript('globalThis.__name = (f) => f');
try {
  await loadAndIdentity(ext, plain.context);
  await inAppNavigation(ext);
  const page = fixture('member-2025-04-fresh-load.html').toString('utf8');
  server.route({ url: PROFILE, body: page.replace(/<\/body>/i, `<img src="${SLOW_IMAGE}" alt=""></body>`) });
  server.route({ url: SLOW_IMAGE, body: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'), contentType: 'image/png', delayMs: SLOW_IMAGE_MS });
  await loadAndIdentity(ext, plain.context, true);
} finally {
  await ext.close();
  await plain.close();
  await server.close();
}
