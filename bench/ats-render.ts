// Budget (issue 9), in headless Debian Chromium with the built extension and the ATS sites
// granted at launch: the sidebar shows the person ≤ 150 ms after the candidate's name appears in
// an ATS page's DOM (median of 10). The page is Greenhouse's empty shell (the app has not rendered
// yet: the sidebar shows "Candidate 4521 on Greenhouse"); the app then swaps in the rendered
// profile, as a client-rendered app does, and the clock runs from that swap to the sidebar's name.
// BENCH_RUNS sets the number of runs (default 10).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchWithExtension } from '../tests/e2e/support/chromium';
import { startFixtureServer } from '../tests/e2e/support/fixture-server';
import { median, out, round } from './support/harness';
import { OWN_FIXTURES } from '../tests/e2e/support/paths';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const URL_ = 'https://app.greenhouse.io/people/4521?application_id=9001';
const NAME = 'Ada Lovelace';
const fixture = (f: string) => readFileSync(path.join(OWN_FIXTURES, 'ats/greenhouse', f), 'utf8');

/** The sidebar's frame once it shows `text` as the person's name. */
async function sidebarShowing(page: Page, text: RegExp): Promise<Frame> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().includes('/sidebar.html'));
    const name = await frame?.evaluate(() => document.querySelector('[data-testid="prospect-name"]')?.textContent ?? null).catch(() => null);
    if (frame && name && text.test(name)) return frame;
    await page.waitForTimeout(10);
  }
  throw new Error(`the sidebar never showed ${String(text)}`);
}

const server = await startFixtureServer();
// The shell of the same person: what the app serves before it renders (same URL as the profile).
server.route({ url: URL_, body: fixture('profile-empty-shell.html') });
const rendered = /<body[^>]*>[\s\S]*<\/body>/.exec(fixture('profile-rendered.html'))![0];
const ext = await launchWithExtension({ hostResolverRules: server.hostResolverRules, grantOptionalHosts: true });
await ext.context.addInitScript('globalThis.__name = (f) => f');
try {
  while ((await ext.serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)) < 4) await new Promise((r) => setTimeout(r, 100));
  const ms: number[] = [];
  for (let i = -1; i < RUNS; i++) {
    const page = await ext.context.newPage();
    await page.goto(URL_, { waitUntil: 'load' });
    const frame = await sidebarShowing(page, /^Candidate 4521 on Greenhouse$/);
    // Stamp, in the sidebar's own document, the moment its name becomes the person's.
    await frame.evaluate((name) => {
      const w = window as unknown as { tandemShownAt?: number };
      const observer = new MutationObserver(() => {
        if (document.querySelector('[data-testid="prospect-name"]')?.textContent === name) {
          w.tandemShownAt = performance.timeOrigin + performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    }, NAME);
    const renderedAt = await page.evaluate((html) => {
      const body = new DOMParser().parseFromString(html, 'text/html').body;
      const at = performance.timeOrigin + performance.now();
      document.body.replaceWith(document.adoptNode(body));
      return at;
    }, rendered);
    await sidebarShowing(page, new RegExp(`^${NAME}$`));
    const shownAt = await frame.evaluate(() => (window as unknown as { tandemShownAt?: number }).tandemShownAt ?? null);
    await page.close();
    if (shownAt === null) throw new Error('the sidebar showed the name before it was watched');
    if (i >= 0) ms.push(shownAt - renderedAt);
  }
  out({ bench: 'ats-name-rendered-to-sidebar', site: 'greenhouse', runs: RUNS, medianMs: round(median(ms)), minMs: round(Math.min(...ms)), maxMs: round(Math.max(...ms)), budgetMs: 150 });
} finally {
  await ext.close();
  await server.close();
}
