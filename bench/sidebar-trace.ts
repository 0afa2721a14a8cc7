// Where the in-page sidebar's time goes (issue 13): each hop from the page's DOMContentLoaded to
// the person shown, as the median of BENCH_RUNS loads (default 10) of
// member-2025-04-fresh-load.html, in ms after DOMContentLoaded. The hops come from the page's and
// the frame's navigation timing, the frame's own performance marks (components/sidebar/marks.ts)
// and listeners this script adds in the service worker (the tab state stored).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../tests/e2e/support/chromium';
import { startFixtureServer } from '../tests/e2e/support/fixture-server';
import { SHARED_FIXTURES } from '../tests/e2e/support/paths';
import { load1, median, out, round } from './support/harness';
import { traceWorkerStores } from './support/worker-trace';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const PROFILE = 'https://www.linkedin.com/in/robertkcheung/';

type Hops = Record<string, number | null>;

async function frameHops(page: Page): Promise<Hops | null> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().includes('/sidebar.html'));
    const hops = await frame
      ?.evaluate(() => {
        const at = (name: string) => {
          const m = performance.getEntriesByName(name)[0];
          return m ? performance.timeOrigin + m.startTime : null;
        };
        const shown = at('tandem:identity-shown');
        if (shown === null) return null;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return {
          'frame navigation start': performance.timeOrigin,
          'frame document received': performance.timeOrigin + nav.responseEnd,
          'sidebar script evaluated': at('tandem:boot'),
          'frame tab known': at('tandem:tab-known'),
          'frame tab state read': at('tandem:state-read'),
          'frame DOMContentLoaded': performance.timeOrigin + nav.domContentLoadedEventStart,
          'person shown (first paint)': shown,
          ...Object.fromEntries(
            (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
              .filter((r) => r.startTime < shown - performance.timeOrigin)
              .flatMap((r) => {
                const file = new URL(r.name).pathname.split('/').pop()!.replace(/-[\w-]{8}\./, '.');
                return [[`fetch ${file} started`, performance.timeOrigin + r.startTime], [`fetch ${file} done`, performance.timeOrigin + r.responseEnd]];
              }),
          ),
        };
      })
      .catch(() => null);
    if (hops) return hops;
    await page.waitForTimeout(5);
  }
  return null;
}

const server = await startFixtureServer();
server.route({ url: PROFILE, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin', 'member-2025-04-fresh-load.html')) });
const ext = await launchWithExtension({ hostResolverRules: server.hostResolverRules });
await ext.context.addInitScript('globalThis.__name = (f) => f');
const worker = await traceWorkerStores(ext);

const rows: Hops[] = [];
try {
  for (let i = -1; i < RUNS; i++) {
    await worker.read();
    const page = await ext.context.newPage();
    await page.goto(PROFILE, { waitUntil: 'load' });
    const pageTimes = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const t0 = performance.timeOrigin;
      return { 'page response start': t0 + nav.responseStart, 'page DOMContentLoaded': t0 + nav.domContentLoadedEventStart, 'page load event': t0 + nav.loadEventStart };
    });
    const frame = await frameHops(page);
    const stored = await worker.read();
    await page.close();
    if (i < 0 || !frame) continue;
    const dcl = pageTimes['page DOMContentLoaded'];
    const all: Hops = { ...pageTimes, ...stored, ...frame };
    rows.push(Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v === null || v === undefined ? null : v - dcl])));
  }
} finally {
  await ext.close();
  await server.close();
}
const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
const hops = names
  .map((name) => ({ name, medianMs: round(median(rows.map((r) => r[name]).filter((v): v is number => typeof v === 'number'))) }))
  .sort((a, b) => a.medianMs - b.medianMs);
out({ bench: 'sidebar-trace', runs: rows.length, load: load1(), msAfterDomContentLoaded: Object.fromEntries(hops.map((h) => [h.name, h.medianMs])) });
