// Budgets (issue 13, point 4), in headless Debian Chromium with the built extension, with
// 100,000 people, 1,000,000 activities and 200,000 notes in the extension's IndexedDB (the
// dashboard bench's generator and cached profile, with 200 people given 200–600 activities):
// - opening a profile: the sidebar's lookup (`readProspectView`, from the identity to the view
//   it renders) ≤ 10 ms p95, for ordinary people and for the heaviest, and each of its reads
//   alone (where the time goes);
// - review.html on a 50-person request: the first person ≤ 50 ms p95 (its reads before the
//   first person, timed in an extension page; and from navigation start to painted, which
//   includes loading the page) and the next person (J, keydown to painted) ≤ 50 ms p95;
// - the Options export: its time and the page's peak JS heap (CDP `Performance.getMetrics`,
//   sampled every 50 ms), streamed (`exportBackupFile`) and as it was before (every row at once);
// - the database's size on disk (the profile's IndexedDB folder for the extension).
// That no query on the sidebar's or review page's path reads a table whole is a test:
// tests/component/page-reads.test.tsx.
//
// `npm run bench:large-team` (builds first) or `npx tsx bench/large-team.ts` after `npx wxt
// build`. Options: --people N (ordinary people timed, default 300), --runs N (review page loads,
// default 5), --only lookup,review,export,whole-export, --scale, --seed, --refill.
// Prints one JSON line per figure. The fill (~1.3M rows, minutes) is cached under
// /tmp/tandem-bench-dashboard with its own key (see dashboard-profile.ts).
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { heavyIndexes, personId } from './support/dashboard-data';
import { extensionUrl, filledProfile, indexedDbBytes, launchBench } from './support/dashboard-profile';
import type { ExportResult, LookupSample } from './support/large-team-page';
import { instrument } from './support/review-next-timer';
import { addBenchPage, load1, median, out, percentile, round, runBench, tempDir } from './support/harness';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    refill: { type: 'boolean', default: false },
    people: { type: 'string', default: '300' },
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '5' },
    only: { type: 'string', default: 'lookup,review,export,whole-export' },
  },
});
const ONLY = new Set(args.only.split(','));
const SCALE = Number(args.scale);
const VARIANT = { notes: Math.round(200_000 * SCALE), heavyPeople: Math.round(200 * SCALE) };
const log = (line: string) => console.error(`[large-team] ${line}`);
const stats = (xs: number[]) => ({ samples: xs.length, medianMs: round(median(xs)), p95Ms: round(percentile(xs, 95)), maxMs: round(Math.max(...xs)) });

/** Adds `window.__tandemAfterPaint(cb)`: cb runs in the task after the next frame. */
const AFTER_PAINT = `window.__tandemAfterPaint = (cb) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => cb(); c.port2.postMessage(null); });`;

/** On review.html: when the first person's name is painted (ms from navigation start). */
const REVIEW_FIRST_WATCH = `
if (location.pathname.endsWith('/review.html')) {
  ${AFTER_PAINT}
  const observer = new MutationObserver(() => {
    const name = document.querySelector('[data-testid="review-person-name"]');
    if (!name || !name.textContent) return;
    observer.disconnect();
    window.__tandemAfterPaint(() => { window.__tandemFirstPerson = performance.now(); });
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}`;

type PageApi = {
  lookups(ids: string[]): Promise<LookupSample[]>;
  lookupParts(ids: string[]): Promise<Record<string, number>>;
  addReviewRequest(ids: string[]): Promise<string>;
  exportFile(whole: boolean): Promise<ExportResult>;
};

async function benchPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(extensionUrl('bench-large-team.html'));
  await page.waitForFunction(() => 'tandemLargeTeam' in globalThis);
  return page;
}
/** Calls the bench page's `name` with `arg` (extension pages allow no eval: the call is by name). */
const call = <K extends keyof PageApi>(page: Page, name: K, arg: Parameters<PageApi[K]>[0]) =>
  page.evaluate(([n, a]) => (globalThis as unknown as { tandemLargeTeam: Record<string, (x: unknown) => unknown> }).tandemLargeTeam[n]!(a), [name, arg] as const) as ReturnType<PageApi[K]>;

/** `n` people's indexes spread over the team, none of them heavy. */
function ordinaryIndexes(n: number, people: number, heavy: Set<number>): number[] {
  const picked: number[] = [];
  for (let k = 0; picked.length < n; k++) {
    const i = (k * 7_919 + 13) % people;
    if (!heavy.has(i) && !picked.includes(i)) picked.push(i);
  }
  return picked;
}

function reportLookups(bench: string, group: string, samples: LookupSample[], budgetMs: number | null) {
  const ms = samples.map((s) => s.ms);
  const activities = samples.map((s) => s.activities);
  out({
    bench,
    group,
    ...stats(ms),
    activitiesMedian: median(activities),
    activitiesMax: Math.max(...activities),
    ...(budgetMs === null ? {} : { budgetMs, budgetOn: 'p95Ms', withinBudget: percentile(ms, 95) <= budgetMs }),
    slowest: [...samples].sort((a, b) => b.ms - a.ms).slice(0, 3).map((s) => ({ ms: round(s.ms), activities: s.activities })),
    load1: load1(),
  });
}

async function lookups(context: BrowserContext, ordinary: string[], heavy: string[]) {
  const page = await benchPage(context);
  // The first read opens the database (a sidebar that has been open a while has it open).
  const [cold] = await call(page, 'lookups', [ordinary[0]!]);
  out({ bench: 'large-team-lookup-cold', ms: round(cold!.ms), note: 'the first lookup after the browser starts: it opens the database' });
  const o = await call(page, 'lookups', ordinary.slice(1));
  const h = await call(page, 'lookups', heavy);
  // Where the time goes: each read of the view alone (median), for 60 ordinary and the heavy people.
  out({ bench: 'large-team-lookup-parts', group: 'ordinary', medianMs: await call(page, 'lookupParts', ordinary.slice(1, 61)), load1: load1() });
  out({ bench: 'large-team-lookup-parts', group: 'heavy', medianMs: await call(page, 'lookupParts', heavy), load1: load1() });
  await page.close();
  reportLookups('large-team-profile-lookup', 'ordinary', o, 10);
  reportLookups('large-team-profile-lookup', 'heavy (200–600 activities)', h, 10);
  reportLookups('large-team-profile-lookup', 'all', [...o, ...h], 10);
}

async function review(context: BrowserContext, requestId: string, firstName: string, runs: number) {
  const url = extensionUrl(`review.html?request=${requestId}`);
  const firsts: number[] = [];
  let coldMs: number | null = null;
  for (let run = 0; run <= runs; run++) {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const at = await page
      .waitForFunction(() => (window as unknown as { __tandemFirstPerson?: number }).__tandemFirstPerson, null, { timeout: 60_000, polling: 20 })
      .then((h) => h.jsonValue() as Promise<number>);
    const shown = await page.getByTestId('review-person-name').textContent();
    if (!shown?.includes(firstName)) throw new Error(`the review page shows "${shown}" first, not ${firstName}`);
    if (run === 0) coldMs = round(at);
    else firsts.push(at);
    await page.close();
  }
  out({ bench: 'large-team-review-first-person', people: 50, coldMs, ...stats(firsts), budgetMs: 50, budgetOn: 'p95Ms', withinBudget: percentile(firsts, 95) <= 50, load1: load1(), note: 'navigation start → the first person painted; cold: the first load after the browser starts' });

  const nexts: number[] = [];
  for (let run = 0; run < Math.max(1, Math.ceil(runs / 2)); run++) {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('review-progress').filter({ hasText: '1 of 50' }).waitFor();
    await page.waitForTimeout(500);
    await instrument(page);
    for (let i = 1; i < 50; i++) {
      await page.keyboard.press('j');
      await page.waitForFunction((n) => (window as unknown as { __reviewBench: { samples: number[] } }).__reviewBench.samples.length >= n, i);
    }
    nexts.push(...(await page.evaluate(() => (window as unknown as { __reviewBench: { samples: number[] } }).__reviewBench.samples)));
    await page.close();
  }
  out({ bench: 'large-team-review-next-person', people: 50, ...stats(nexts), budgetMs: 50, budgetOn: 'p95Ms', withinBudget: percentile(nexts, 95) <= 50, load1: load1(), note: 'J keydown → the next person painted' });
}

/** The export in a fresh page, with the page's JS heap sampled over CDP every 50 ms. */
async function exportRun(context: BrowserContext, whole: boolean) {
  const page = await benchPage(context);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
  const before = await heap();
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await heap().catch(() => peak));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const result = await call(page, 'exportFile', whole).catch((e: unknown) => ({ failed: e instanceof Error ? e.message.split('\n')[0]! : String(e) }));
  sampling = false;
  await sampler;
  await cdp.detach();
  await page.close();
  // The whole-file way builds one string: past V8's longest string (about 512 MB) it cannot be done at all.
  if ('failed' in result) return out({ bench: 'large-team-export-whole', failed: result.failed, heapBeforeMB: round(before), heapPeakMB: round(peak), load1: load1(), note: 'as before issue 13: every row read at once, one JSON string' });
  out({
    bench: whole ? 'large-team-export-whole' : 'large-team-export',
    seconds: round(result.ms / 1000),
    fileMB: round(result.bytes / 1e6),
    records: result.records,
    heapBeforeMB: round(before),
    heapPeakMB: round(peak),
    load1: load1(),
    note: whole ? 'as before issue 13: every row read at once, one JSON string' : 'exportBackupFile: 1,000 rows a page, Blob parts of 4M characters',
  });
}

runBench(async () => {
  const started = Date.now();
  const profile = await filledProfile({ scale: SCALE, seed: Number(args.seed), variant: VARIANT, refill: args.refill, workDir: tempDir('tandem-bench-large-team-'), log });
  const { fill } = profile;
  out({
    bench: 'large-team-fill',
    cached: !profile.filledNow,
    ...fill.counts,
    heavyPeople: VARIANT.heavyPeople,
    fillSeconds: fill.fillSeconds,
    rowsPerSecond: Math.round(Object.values(fill.counts).reduce((a, b) => a + b, 0) / (fill.writeMs / 1000)),
    prepareSeconds: round((Date.now() - started) / 1000),
  });
  out({ bench: 'large-team-disk', indexedDbMB: round(indexedDbBytes(profile.userDataDir) / 1e6), storageEstimateMB: fill.usageBytes === null ? null : round(fill.usageBytes / 1e6), load1: load1() });
  await addBenchPage(profile.extensionDir, 'bench/support/large-team-page.ts', 'bench-large-team', 'Tandem large-team bench');

  const people = Math.round(100_000 * SCALE);
  const heavySet = new Set(heavyIndexes({ scale: SCALE, heavyPeople: VARIANT.heavyPeople }));
  const ordinary = ordinaryIndexes(Number(args.people) + 1, people, heavySet).map((i) => personId(fill.options, i));
  const heavy = [...heavySet].map((i) => personId(fill.options, i));

  const browser = await launchBench(profile.extensionDir, profile.userDataDir);
  try {
    await browser.context.addInitScript(REVIEW_FIRST_WATCH);
    if (ONLY.has('lookup')) await lookups(browser.context, ordinary, heavy);
    if (ONLY.has('review')) {
      // 10 of the heaviest and 40 others.
      const ids = [...heavy.slice(0, 10), ...ordinary.slice(-40)];
      const page = await benchPage(browser.context);
      const requestId = await call(page, 'addReviewRequest', ids);
      const firstName = (await call(page, 'lookups', [ids[0]!]))[0]!.identity.name;
      const timed = await page.evaluate(
        (id) => (globalThis as unknown as { tandemLargeTeam: { reviewReads(id: string, runs: number): Promise<{ firstMs: number; everyoneMs: number }[]> } }).tandemLargeTeam.reviewReads(id, 11),
        requestId,
      );
      await page.close();
      const reads = timed.map((t) => t.firstMs);
      const everyone = timed.slice(1).map((t) => t.everyoneMs);
      out({
        bench: 'large-team-review-reads',
        people: 50,
        coldMs: round(reads[0]!),
        ...stats(reads.slice(1)),
        budgetMs: 50,
        budgetOn: 'p95Ms',
        withinBudget: percentile(reads.slice(1), 95) <= 50,
        everyoneMedianMs: round(median(everyone)),
        everyoneP95Ms: round(percentile(everyone, 95)),
        load1: load1(),
        note: 'the review page’s reads before its first person (head; the 50 people’s records and the decisions; the first person’s notes and earlier decisions), in an extension page, then everyone’s history (everyone*); cold: the first time',
      });
      await review(browser.context, requestId, firstName, Number(args.runs));
    }
    if (ONLY.has('export')) await exportRun(browser.context, false);
    if (ONLY.has('whole-export')) await exportRun(browser.context, true);
  } finally {
    await browser.close();
  }
});
