// Budgets (issue 10), in headless Debian Chromium with the built extension, with 100,000 people
// and 1,000,000 activities in the extension's IndexedDB:
// - first figures ≤ 1 s: navigation to the first `[data-metric][data-value]` painted, on
//   dashboard.html#numbers and on #board/<the 500-card requisition>;
// - a people search keystroke to results ≤ 150 ms p95: typing into `[data-testid=people-search]`
//   on #people until the `[data-testid=people-result]` list reflects the new query;
// - metrics after one new change ≤ 300 ms: a stage move written
//   in the extension's service worker (`pipeline.move` through `mutate`, where a teammate's
//   change pulled by sync would be written too) while #numbers is open, until a `data-metric` value changes;
// - a card dragged on a 500-card board painted in its new column ≤ 50 ms: a
//   `[data-testid=board-card]` moved into the next `[data-testid=board-column][data-stage]`
//   (pointer drag, else Space / ArrowRight / Space).
// Also: the database's size on disk and how long the fill took.
//
// Each time is from the input's event timestamp (or the navigation's start, or the write's
// start) to the first frame painted after the DOM showed it (MutationObserver → rAF → the task
// after that frame). A view that is not on the page reports {"missing": "<hook>"}.
//
// `npm run bench:dashboard` (builds first) or `npx tsx bench/dashboard-scale.ts` after
// `npx wxt build`. Options: --scale 0.1 (10,000 people, 100,000 activities: quick runs),
// --seed N, --refill (ignore the cached profile), --runs N (page loads and moves per figure,
// default 7; BENCH_RUNS too), --only numbers,board,search,steps,change,move (which figures; `steps`: each search keystroke's
// steps timed apart, not in the default set).
// BENCH_HOOK_WAIT_MS (default 30 s): how long a view may take to show its hook before it is
// reported missing. The filled profile is cached (bench/support/dashboard-profile.ts).
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { datasetChunks, planDataset } from './support/dashboard-data';
import { type BenchBrowser, type CachedFill, extensionUrl, filledProfile, indexedDbBytes, launchBench, openFillPage } from './support/dashboard-profile';
import type { MoveResult, SearchStep } from './support/dashboard-fill-page';
import { load1, median, out, percentile, round, runBench, tempDir } from './support/harness';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    refill: { type: 'boolean', default: false },
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '7' },
    only: { type: 'string', default: 'numbers,board,search,change,move' },
  },
});
const ONLY = new Set(args.only.split(','));
const SCALE = Number(args.scale);
const SEED = Number(args.seed);
const RUNS = Number(args.runs);
/** How long a view may take to show its hook before it counts as not there. */
const HOOK_WAIT_MS = Number(process.env.BENCH_HOOK_WAIT_MS ?? 30_000);
const log = (line: string) => console.error(`[dashboard-scale] ${line}`);

const stats = (xs: number[]) => ({ samples: xs.length, medianMs: round(median(xs)), p95Ms: round(percentile(xs, 95)), maxMs: round(Math.max(...xs)) });

type Budgeted = { bench: string; budgetMs: number } & Record<string, unknown>;
function report(line: Budgeted, samples: number[], budgetOn: 'medianMs' | 'p95Ms' = 'p95Ms') {
  if (samples.length === 0) return out({ ...line, error: 'no samples' });
  const s = stats(samples);
  out({ ...line, ...s, budgetOn, withinBudget: s[budgetOn] <= line.budgetMs, load1: load1() });
}

// ---------------------------------------------------------------------------------------------
// In the page: "painted" is the task after the first animation frame after a DOM change.

/** Installed in every page before its scripts: records when the first figure is painted. */
const FIRST_FIGURE_WATCH = `
if (location.pathname.endsWith('/dashboard.html')) {
  const seen = () => document.querySelector('[data-metric][data-value]');
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__tandemFirstFigure = performance.now(); };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-metric', 'data-value'] });
}`;

/** Adds `window.__tandemAfterPaint(cb)` to the page. */
async function installAfterPaint(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { __tandemAfterPaint: (cb: () => void) => void }).__tandemAfterPaint = (cb) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => cb();
        channel.port2.postMessage(null);
      });
  });
}

/** Waits for `selector` up to HOOK_WAIT_MS; false when it never came. */
async function hookShows(page: Page, selector: string, timeout = HOOK_WAIT_MS): Promise<boolean> {
  return page
    .waitForSelector(selector, { timeout, state: 'attached' })
    .then(() => true)
    .catch(() => false);
}

/** Waits until nothing under `selector` changed for `quietMs` (at most `maxMs`). */
async function settle(page: Page, quietMs = 1_000, maxMs = 20_000) {
  await page.evaluate(
    ([quiet, max]) =>
      new Promise<void>((resolve) => {
        let timer = setTimeout(done, quiet);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quiet);
        });
        const cap = setTimeout(done, max);
        function done() {
          observer.disconnect();
          clearTimeout(cap);
          resolve();
        }
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      }),
    [quietMs, maxMs] as const,
  );
}

/**
 * A new tab on a dashboard view, once `hook` shows and the view has settled, with the paint
 * helper installed; null (reported as missing) when the hook never shows.
 */
async function openView(context: BrowserContext, hash: string, hook: string, bench: string): Promise<Page | null> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(extensionUrl(`dashboard.html${hash}`), { waitUntil: 'commit' });
  if (!(await hookShows(page, hook))) {
    out({ bench, missing: hook });
    await page.close();
    return null;
  }
  await settle(page);
  await installAfterPaint(page);
  return page;
}

// ---------------------------------------------------------------------------------------------

async function firstFigures(context: BrowserContext, view: string, hash: string) {
  const samples: number[] = [];
  let coldMs: number | null = null;
  for (let run = 0; run <= RUNS; run++) {
    const page = await context.newPage();
    await page.goto(extensionUrl(`dashboard.html${hash}`), { waitUntil: 'commit' });
    const at = await page
      .waitForFunction(() => (window as unknown as { __tandemFirstFigure?: number }).__tandemFirstFigure, null, { timeout: HOOK_WAIT_MS, polling: 20 })
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(() => null);
    // Let the view finish (its other queries) so the next load does not queue behind them.
    if (at !== null) await settle(page, 2_000, 180_000);
    await page.close();
    if (at === null) return out({ bench: 'dashboard-first-figures', view, missing: '[data-metric][data-value]', waitedMs: HOOK_WAIT_MS });
    // The first load after the browser starts reads a cold database; the rest are pooled.
    if (run === 0) coldMs = round(at);
    else samples.push(at);
  }
  report({ bench: 'dashboard-first-figures', view, coldMs, budgetMs: 1_000 }, samples, 'medianMs');
}

/** Queries typed a key at a time: two people's names, a company and a city, from the data. */
function searchQueries(fill: CachedFill): string[] {
  const plan = planDataset(fill.options);
  const first = datasetChunks(plan, 200).next();
  if (first.done) throw new Error('the dataset has no people');
  const people = first.value.prospects;
  return [people[7]!.name, people[123]!.name, people[42]!.company!.replace(/ .*$/, ''), 'Lisbon'];
}

async function peopleSearch(context: BrowserContext, fill: CachedFill) {
  const input = '[data-testid="people-search"]';
  const page = await openView(context, '#people', input, 'people-search-keystroke');
  if (!page) return;
  await page.evaluate((inputSelector) => {
    type Pending = { t0: number; before: string; changedAt: number | null; matchedAt: number | null; checking: boolean };
    const state: { pending: Pending | null } = { pending: null };
    (window as unknown as { __tandemSearch: typeof state }).__tandemSearch = state;
    const afterPaint = (window as unknown as { __tandemAfterPaint: (cb: () => void) => void }).__tandemAfterPaint;
    const results = () => [...document.querySelectorAll('[data-testid="people-result"]')];
    const signature = () => results().map((r) => r.textContent).join('\u0001');
    const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    // Reflects the query: every result shows every word typed (a result found by its note text
    // may not; then the first change counts, and the report says how often).
    const reflects = (query: string) => {
      const words = fold(query).split(/\s+/).filter(Boolean);
      const list = results();
      return list.length > 0 && list.every((r) => words.every((w) => fold(r.textContent ?? '').includes(w)));
    };
    const start = (e: Event) => (state.pending = { t0: e.timeStamp, before: signature(), changedAt: null, matchedAt: null, checking: false });
    // A key off the US layout ("ó") is typed as text alone, with no keydown: it starts at its
    // beforeinput (which, unlike a keydown, does not count the time it waited for the page).
    let keyed = false;
    const onInput = (type: string, handle: (e: Event) => void) =>
      window.addEventListener(type, (e) => e.target instanceof Element && e.target.matches(inputSelector) && handle(e), true);
    onInput('keydown', (e) => {
      start(e);
      keyed = true;
    });
    onInput('beforeinput', (e) => {
      if (!keyed) start(e);
      keyed = false;
    });
    new MutationObserver(() => {
      const p = state.pending;
      if (!p || p.matchedAt !== null || p.checking) return;
      p.checking = true;
      afterPaint(() => {
        p.checking = false;
        const at = performance.now();
        if (signature() === p.before) return;
        p.changedAt ??= at;
        if (reflects((document.querySelector(inputSelector) as HTMLInputElement).value)) p.matchedAt = at;
      });
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, input);

  const samples: number[] = [];
  const typed: { text: string; ms: number }[] = [];
  let reflected = 0;
  let changedOnly = 0;
  let unchanged = 0;
  for (const query of searchQueries(fill)) {
    await page.fill(input, '');
    await settle(page, 500);
    await page.focus(input);
    for (const ch of query) {
      await page.keyboard.type(ch);
      const result = await page
        .waitForFunction(
          () => {
            const p = (window as unknown as { __tandemSearch: { pending: { t0: number; changedAt: number | null; matchedAt: number | null } | null } }).__tandemSearch.pending;
            return p && p.matchedAt !== null ? p : null;
          },
          null,
          { timeout: 2_000, polling: 20 },
        )
        .then((h) => h.jsonValue())
        .catch(() => null);
      const pending = result ?? (await page.evaluate(() => (window as unknown as { __tandemSearch: { pending: { t0: number; changedAt: number | null; matchedAt: number | null } | null } }).__tandemSearch.pending));
      const ms = pending?.matchedAt != null ? pending.matchedAt - pending.t0 : pending?.changedAt != null ? pending.changedAt - pending.t0 : null;
      if (pending?.matchedAt != null) reflected++;
      else if (pending?.changedAt != null) changedOnly++;
      else unchanged++;
      if (ms !== null) {
        samples.push(ms);
        typed.push({ text: await page.inputValue(input), ms: round(ms) });
      }
      await page.waitForTimeout(50);
    }
  }
  await page.close();
  const slowest = typed.sort((a, b) => b.ms - a.ms).slice(0, 5);
  report({ bench: 'people-search-keystroke', keystrokes: reflected + changedOnly + unchanged, reflected, changedOnly, unchanged, slowest, budgetMs: 150 }, samples);
}

/** Where a keystroke's time goes: each prefix's page, and reading its words' whole ranges, timed in an extension page (see `searchSteps`). */
async function peopleSearchSteps(context: BrowserContext, fill: CachedFill) {
  const page = await openFillPage(context);
  const steps = await page.evaluate(
    ({ queries }) => (globalThis as unknown as { tandemBench: { searchSteps(q: string[], limit: number): Promise<SearchStep[]> } }).tandemBench.searchSteps(queries, 50),
    { queries: searchQueries(fill) },
  );
  await page.close();
  for (const s of steps) out({ bench: 'people-search-step', text: s.text, total: s.total, pageMs: round(s.pageMs), wholeRangesMs: round(s.matchMs), countMs: s.countMs === null ? null : round(s.countMs), liveMs: round(s.liveMs) });
  out({ bench: 'people-search-steps', ...stats(steps.map((s) => s.pageMs)), wholeRangesP95Ms: round(percentile(steps.map((s) => s.matchMs), 95)), liveP95Ms: round(percentile(steps.map((s) => s.liveMs), 95)), liveMedianMs: round(median(steps.map((s) => s.liveMs))), load1: load1() });
}

async function metricsAfterChange(browser: BenchBrowser, boardRequisitionId: string) {
  const { context } = browser;
  // The requisition the move is in: with all requisitions chosen, Numbers shows no per-stage
  // figure, and a move between two active stages changes none of the others.
  const page = await openView(context, `#numbers/${boardRequisitionId}`, '[data-metric][data-value]', 'metrics-after-change');
  if (!page) return;
  // The view may fill in its figures over several renders: wait until they have been still a while.
  await settle(page, 3_000, 180_000);
  const writer = await browser.worker();
  const samples: number[] = [];
  const commits: number[] = [];
  let noChange = 0;
  for (let run = 0; run < RUNS; run++) {
    await page.evaluate(() => {
      const values = () => new Map([...document.querySelectorAll('[data-metric][data-value]')].map((e) => [e.getAttribute('data-metric'), e.getAttribute('data-value')]));
      const before = values();
      const state = { changedAt: null as number | null, checking: false, observer: null as MutationObserver | null };
      (window as unknown as { __tandemMetrics: typeof state }).__tandemMetrics = state;
      const afterPaint = (window as unknown as { __tandemAfterPaint: (cb: () => void) => void }).__tandemAfterPaint;
      state.observer = new MutationObserver(() => {
        if (state.changedAt !== null || state.checking) return;
        state.checking = true;
        afterPaint(() => {
          state.checking = false;
          const at = performance.timeOrigin + performance.now();
          // A figure shown before with another value now; figures coming or going do not count.
          for (const [name, value] of values()) if (before.has(name) && before.get(name) !== value) return void ((state.changedAt = at), state.observer!.disconnect());
        });
      });
      state.observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value', 'data-metric'] });
    });
    const move = await writer.evaluate(
      ([id, nth]) => (globalThis as unknown as { tandemBench: { moveOneStage(id: string, nth: number): Promise<MoveResult> } }).tandemBench.moveOneStage(id, nth),
      [boardRequisitionId, run * 37] as const,
    );
    commits.push(move.committedAt - move.startedAt);
    const changedAt = await page
      .waitForFunction(() => (window as unknown as { __tandemMetrics: { changedAt: number | null } }).__tandemMetrics.changedAt, null, { timeout: 30_000, polling: 20 })
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(() => null);
    if (changedAt === null) noChange++;
    else samples.push(changedAt - move.startedAt);
    await settle(page, 1_000, 60_000);
  }
  await page.close();
  report({ bench: 'metrics-after-change', moves: RUNS, noChange, medianCommitMs: round(median(commits)), budgetMs: 300 }, samples);
}

async function boardCardMove(context: BrowserContext, boardRequisitionId: string) {
  const column = '[data-testid="board-column"][data-stage]';
  const page = await openView(context, `#board/${boardRequisitionId}`, `${column} [data-testid="board-card"]`, 'board-card-move');
  if (!page) return;
  const stages = await page.$$eval(column, (cols) => cols.map((c) => ({ stage: c.getAttribute('data-stage')!, cards: c.querySelectorAll('[data-testid="board-card"]').length })));
  const fromIndex = stages.findIndex((s, i) => s.cards > 0 && i < stages.length - 1);
  if (fromIndex < 0) return out({ bench: 'board-card-move', error: 'no column with cards and a column after it', stages });
  const from = stages[fromIndex]!.stage;
  const to = stages[fromIndex + 1]!.stage;
  const cardsOnBoard = stages.reduce((n, s) => n + s.cards, 0);
  const sourceCard = `${column.replace('[data-stage]', `[data-stage="${from}"]`)} [data-testid="board-card"]`;
  const targetColumn = column.replace('[data-stage]', `[data-stage="${to}"]`);

  const samples: number[] = [];
  const methods = { pointer: 0, keyboard: 0, notMoved: 0 };
  for (let run = 0; run < RUNS; run++) {
    const card = page.locator(sourceCard).first();
    await card.scrollIntoViewIfNeeded();
    const name = ((await card.innerText()).split('\n')[0] ?? '').trim();
    await page.evaluate(
      ([target, cardName]) => {
        const count = () => document.querySelector(target)?.querySelectorAll('[data-testid="board-card"]').length ?? 0;
        const state = { lastInputAt: 0, inputAtDone: null as number | null, doneAt: null as number | null, checking: false, before: count() };
        (window as unknown as { __tandemBoard: typeof state }).__tandemBoard = state;
        const afterPaint = (window as unknown as { __tandemAfterPaint: (cb: () => void) => void }).__tandemAfterPaint;
        const input = (e: Event) => void (state.lastInputAt = e.timeStamp);
        for (const type of ['pointerup', 'pointermove', 'keydown']) window.addEventListener(type, input, true);
        const arrived = () => {
          const cards = [...(document.querySelector(target)?.querySelectorAll('[data-testid="board-card"]') ?? [])];
          return cards.length !== state.before || cards.some((c) => (c as HTMLElement).innerText.split('\n')[0]?.trim() === cardName);
        };
        const observer = new MutationObserver(() => {
          if (state.doneAt !== null || state.checking) return;
          state.checking = true;
          const inputAt = state.lastInputAt;
          afterPaint(() => {
            state.checking = false;
            if (!arrived()) return;
            state.doneAt = performance.now();
            state.inputAtDone = inputAt;
            observer.disconnect();
            for (const type of ['pointerup', 'pointermove', 'keydown']) window.removeEventListener(type, input, true);
          });
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      },
      [targetColumn, name] as const,
    );
    const done = () =>
      page
        .waitForFunction(() => {
          const s = (window as unknown as { __tandemBoard: { doneAt: number | null; inputAtDone: number | null } }).__tandemBoard;
          return s.doneAt !== null ? s.doneAt - s.inputAtDone! : null;
        }, null, { timeout: 3_000, polling: 20 })
        .then((h) => h.jsonValue() as Promise<number>)
        .catch(() => null);
    const box = await card.boundingBox();
    const target = await page.locator(targetColumn).boundingBox();
    let ms: number | null = null;
    if (box && target) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 10, box.y + box.height / 2, { steps: 2 });
      await page.mouse.move(target.x + target.width / 2, target.y + Math.min(target.height / 2, 120), { steps: 8 });
      await page.mouse.up();
      ms = await done();
      if (ms !== null) methods.pointer++;
    }
    if (ms === null) {
      await card.focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Space');
      ms = await done();
      if (ms !== null) methods.keyboard++;
    }
    if (ms === null) methods.notMoved++;
    else samples.push(ms);
    await settle(page, 300);
  }
  await page.close();
  if (samples.length === 0) return out({ bench: 'board-card-move', error: 'no card moved by pointer drag or Space/ArrowRight/Space', from, to, cardsOnBoard });
  report({ bench: 'board-card-move', from, to, cardsOnBoard, ...methods, budgetMs: 50 }, samples);
}

runBench(async () => {
  const workDir = tempDir('tandem-bench-dashboard-');
  const started = Date.now();
  const profile = await filledProfile({ scale: SCALE, seed: SEED, refill: args.refill, workDir, log });
  const { fill } = profile;
  out({
    bench: 'dashboard-fill',
    scale: SCALE,
    seed: SEED,
    cached: !profile.filledNow,
    ...fill.counts,
    fillSeconds: fill.fillSeconds,
    generateSeconds: round(fill.generateMs / 1000),
    writeSeconds: round(fill.writeMs / 1000),
    rowsPerSecond: Math.round(Object.values(fill.counts).reduce((a, b) => a + b, 0) / (fill.writeMs / 1000)),
    indexedDbMB: round(fill.indexedDbBytes / 1e6),
    storageEstimateMB: fill.usageBytes === null ? null : round(fill.usageBytes / 1e6),
    dataAgeDays: round((Date.now() - fill.options.now) / 86_400_000),
    prepareSeconds: round((Date.now() - started) / 1000),
    upgrades: fill.upgrades ?? [],
  });
  const browser = await launchBench(profile.extensionDir, profile.userDataDir);
  try {
    await browser.context.addInitScript(FIRST_FIGURE_WATCH);
    if (ONLY.has('numbers')) await firstFigures(browser.context, 'numbers', '#numbers');
    if (ONLY.has('board')) await firstFigures(browser.context, 'board', `#board/${fill.boardRequisitionId}`);
    if (ONLY.has('search')) await peopleSearch(browser.context, fill);
    if (ONLY.has('steps')) await peopleSearchSteps(browser.context, fill);
    if (ONLY.has('change')) await metricsAfterChange(browser, fill.boardRequisitionId);
    if (ONLY.has('move')) await boardCardMove(browser.context, fill.boardRequisitionId);
  } finally {
    await browser.close();
  }
  out({ bench: 'dashboard-disk-after-run', indexedDbMB: round(indexedDbBytes(profile.userDataDir) / 1e6) });
});
