// Where an in-app navigation's time goes (issue 13): from the page's pushState to the new person
// shown in the sidebar, each hop's median over BENCH_RUNS navigations (default 10) from
// member-2025-04-fresh-load.html to member-2025-04-spa-navigation.html, swapped in 30 ms after
// pushState as LinkedIn's router does (the same navigation as bench/sidebar-latency.ts). Hops: the
// page's own (pushState, the swap, its next frame), the worker storing each tab state (a listener
// this script adds), and the frame hearing it, painting the name and marking it shown.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchWithExtension } from '../tests/e2e/support/chromium';
import { startFixtureServer } from '../tests/e2e/support/fixture-server';
import { SHARED_FIXTURES } from '../tests/e2e/support/paths';
import { load1, median, out, round } from './support/harness';
import { traceWorkerStores } from './support/worker-trace';

const PROFILE = 'https://www.linkedin.com/in/robertkcheung/';
const server = await startFixtureServer();
server.route({ url: PROFILE, body: readFileSync(path.join(SHARED_FIXTURES, 'linkedin', 'member-2025-04-fresh-load.html')) });
const next = readFileSync(path.join(SHARED_FIXTURES, 'linkedin', 'member-2025-04-spa-navigation.html'), 'utf8');
const ext = await launchWithExtension({ hostResolverRules: server.hostResolverRules });
await ext.context.addInitScript('globalThis.__name = (f) => f');
const worker = await traceWorkerStores(ext);
const rows: Record<string, number>[] = [];
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
for (let i = -1; i < RUNS; i++) {
  const page = await ext.context.newPage();
  await page.goto(PROFILE, { waitUntil: 'load' });
  const frame = () => page.frames().find((f) => f.url().includes('/sidebar.html'));
  for (let t = 0; t < 200; t++) { const f = frame(); if (f && (await f.evaluate(() => performance.getEntriesByName('tandem:identity-shown').length).catch(() => 0))) break; await page.waitForTimeout(20); }
  await page.waitForTimeout(300);
  await worker.read();
  const f = frame()!;
  await f.evaluate(() => {
    const g = globalThis as unknown as { __t: Record<string, number> };
    g.__t = {};
    const now = () => performance.timeOrigin + performance.now();
    chrome.storage.session.onChanged.addListener(() => void (g.__t['frame heard storage change'] ??= now()));
    new MutationObserver(() => { if (document.querySelector('[data-testid="prospect-name"]')?.textContent === 'Jordan Vale') g.__t['frame DOM has name'] ??= now(); }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const pageT = await page.evaluate((html) => new Promise<Record<string, number>>((resolve) => {
    const now = () => performance.timeOrigin + performance.now();
    const tt = (window as unknown as { trustedTypes: { createPolicy(n: string, p: object): { createHTML(s: string): string } } }).trustedTypes;
    const policy = tt.createPolicy('dompurify', { createHTML: (s: string) => s });
    const doc = new DOMParser().parseFromString(policy.createHTML(html), 'text/html');
    const r: Record<string, number> = { pushState: now() };
    history.pushState({}, '', '/in/jordanvale/');
    setTimeout(() => { r['swap start'] = now(); document.body.replaceWith(document.adoptNode(doc.body)); r['swap done'] = now(); requestAnimationFrame(() => { r['page next frame'] = now(); setTimeout(() => resolve(r), 0); }); }, 30);
  }), next);
  let shown: number | null = null;
  for (let t = 0; t < 200 && shown === null; t++) {
    shown = await f.evaluate(() => { const m = performance.getEntriesByName('tandem:identity-shown').filter((e) => (e as PerformanceMark).detail === 'linkedin:jordanvale'); return m.length ? performance.timeOrigin + m[0]!.startTime : null; });
    if (shown === null) await page.waitForTimeout(10);
  }
  const ft = await f.evaluate(() => (globalThis as unknown as { __t: Record<string, number> }).__t);
  const wt = await worker.read();
  await page.close();
  if (i < 0 || shown === null) continue;
  const t0 = pageT.pushState!;
  rows.push(Object.fromEntries(Object.entries({ ...pageT, ...wt, ...ft, 'identity-shown mark': shown }).map(([k, v]) => [k, v - t0])));
}
await ext.close();
await server.close();
const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
const hops: [string, number][] = names.map((n) => [n, round(median(rows.map((r) => r[n]).filter((v): v is number => typeof v === 'number')))]);
out({ bench: 'navigation-trace', load: load1(), runs: rows.length, msAfterPushState: Object.fromEntries(hops.sort((a, b) => a[1] - b[1])) });
