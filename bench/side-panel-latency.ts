// Side-panel mode (issue 13), in headless Debian Chromium with the built extension and the real
// side panel: the panel shows the new person ≤ 50 ms after the content script reports them
// (in-app navigation between two saved profiles; from the report's arrival at the worker, a
// millisecond after the content script sends it, to the panel's `tandem:identity-shown` mark),
// and, for comparison, from a tab switch (the worker's tabs.onActivated) to the same mark.
// BENCH_RUNS sets the number of navigations and switches (default 20).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { OptionsPage } from '../tests/e2e/pages/options';
import { launchWithExtension } from '../tests/e2e/support/chromium';
import { startFixtureServer } from '../tests/e2e/support/fixture-server';
import { navigateInApp } from '../tests/e2e/support/navigate';
import { SHARED_FIXTURES } from '../tests/e2e/support/paths';
import { connectToSidePanel } from '../tests/e2e/support/side-panel';
import { load1, median, out, percentile, round } from './support/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const ROB = { url: 'https://www.linkedin.com/in/robertkcheung/', file: 'member-2025-04-fresh-load.html', key: 'linkedin:robertkcheung' };
const JORDAN = { url: 'https://www.linkedin.com/in/jordanvale/', file: 'member-2025-04-spa-navigation.html', key: 'linkedin:jordanvale' };
const EDUARDO = { url: 'https://www.linkedin.com/in/eduardo-alvarez-nowak/', file: 'member-2024-07-full.html', key: 'linkedin:eduardo-alvarez-nowak' };
const fixture = (f: string) => readFileSync(path.join(SHARED_FIXTURES, 'linkedin', f));

const server = await startFixtureServer();
for (const p of [ROB, JORDAN, EDUARDO]) server.route({ url: p.url, body: fixture(p.file) });
const ext = await launchWithExtension({ hostResolverRules: server.hostResolverRules, debuggingPort: true });
// tsx compiles with keepNames, so functions passed to evaluate call a `__name` helper that only
// exists in Node; give pages and the worker a no-op one.
const NAME_HELPER = 'globalThis.__name = (f) => f';
await ext.context.addInitScript(NAME_HELPER);
await ext.serviceWorker.evaluate(NAME_HELPER);

/** Epoch ms of what the worker heard last: a report of `key`, or a tab activated. */
async function workerHeard(what: { report: string } | 'activated'): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const at = await ext.serviceWorker.evaluate((w) => {
      const heard = (globalThis as unknown as { benchHeard: { what: string; at: number }[] }).benchHeard;
      const name = typeof w === 'string' ? w : `report:${w.report}`;
      return heard.find((h) => h.what === name)?.at ?? null;
    }, what);
    if (at) return at;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`the worker never heard ${JSON.stringify(what)}`);
}

/** Epoch ms at which the panel marked `key` shown. */
async function shownAt(panel: Page, key: string): Promise<number> {
  const handle = await panel.waitForFunction(
    (k) => {
      const mark = performance.getEntriesByName('tandem:identity-shown').find((m) => (m as PerformanceMark).detail === k);
      return mark ? performance.timeOrigin + mark.startTime : null;
    },
    key,
    { polling: 5, timeout: 10_000 },
  );
  return (await handle.jsonValue()) as number;
}

const forget = async (panel: Page) => {
  await panel.evaluate(() => performance.clearMarks('tandem:identity-shown'));
  await ext.serviceWorker.evaluate(() => void ((globalThis as unknown as { benchHeard: unknown[] }).benchHeard = []));
};

try {
  // Bench-only listeners in the worker: when a report of a person, or a tab activation, arrives.
  await ext.serviceWorker.evaluate(() => {
    const g = globalThis as unknown as { benchHeard: { what: string; at: number }[] };
    g.benchHeard = [];
    const now = () => performance.timeOrigin + performance.now();
    chrome.runtime.onMessage.addListener((message: { type?: string; data?: { status?: string; identity?: { key?: string } } }) => {
      if (message?.type === 'reportPage' && message.data?.status === 'identified') g.benchHeard.push({ what: `report:${message.data.identity?.key}`, at: now() });
    });
    chrome.tabs.onActivated.addListener(() => g.benchHeard.push({ what: 'activated', at: now() }));
  });
  const options = await ext.context.newPage();
  await options.goto(ext.extensionUrl('options.html'));
  await new OptionsPage(options).showTandemIn('the browser’s side panel');
  const sidePanel = await connectToSidePanel(ext);
  const panel = sidePanel.page;
  await panel.evaluate(NAME_HELPER);

  const eduardo = await ext.context.newPage();
  await eduardo.goto(EDUARDO.url, { waitUntil: 'load' });
  const rob = await ext.context.newPage();
  await rob.goto(ROB.url, { waitUntil: 'load' });
  await rob.bringToFront();
  await shownAt(panel, ROB.key);

  const navMs: number[] = [];
  let at = ROB;
  for (let i = -1; i < RUNS; i++) {
    const next = at === ROB ? JORDAN : ROB;
    await forget(panel);
    await navigateInApp(rob, new URL(next.url).pathname, fixture(next.file).toString('utf8'));
    const shown = await shownAt(panel, next.key);
    const reported = await workerHeard({ report: next.key });
    if (i >= 0) navMs.push(shown - reported);
    at = next;
  }
  out({ bench: 'side-panel-report-to-person', runs: RUNS, medianMs: round(median(navMs)), p95Ms: round(percentile(navMs, 95)), maxMs: round(Math.max(...navMs)), budgetMs: 50, load1: load1(), note: 'in-app navigation: the report arriving at the worker → the panel marks the new person shown' });

  const switchMs: number[] = [];
  const tabs = [
    { page: eduardo, key: EDUARDO.key },
    { page: rob, key: at.key },
  ];
  for (let i = -1; i < RUNS; i++) {
    const to = tabs[(i + 1) % 2]!;
    await forget(panel);
    await to.page.bringToFront();
    const shown = await shownAt(panel, to.key);
    if (i >= 0) switchMs.push(shown - (await workerHeard('activated')));
  }
  out({ bench: 'side-panel-tab-switch-to-person', runs: RUNS, medianMs: round(median(switchMs)), p95Ms: round(percentile(switchMs, 95)), maxMs: round(Math.max(...switchMs)), load1: load1(), note: 'tabs.onActivated in the worker → the panel marks the person shown' });
  await sidePanel.close();
} finally {
  await ext.close();
  await server.close();
}
