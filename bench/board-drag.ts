// Budget (issue 10): a card moved on a 500-card pipeline board is painted in its new column
// ≤ 50 ms, in headless Debian Chromium with the built extension (run `npx wxt build` first, or
// `npm run bench:board`).
//
// One requisition of 7 stages with 500 people spread over them (each with its stage move, and a
// review waiting for some) is seeded straight into the extension's IndexedDB, as review-next.ts
// does. Then cards are moved three ways, BENCH_MOVES each (default 20): dragged with the mouse
// (dnd-kit's pointer sensor), picked up and dropped with the keyboard (Space, →, Space), and
// through the card's "Move to…" menu (Enter). Each move is timed from the event that drops it
// (pointerup, or the keydown of Space or Enter) to the first frame painted after the card is in
// its new column (MutationObserver → requestAnimationFrame → the task after that frame). Also
// reported: until the move has landed (written, and the board re-read from IndexedDB).
import type { Locator, Page } from 'playwright-core';
import { ulid } from 'ulidx';
import { toProspectRow } from '@/lib/db/database';
import { LOCAL_TEAM_ID, pipelineEntryId } from '@/lib/model';
import { launchWithExtension } from '../tests/e2e/support/chromium';
import { seedExtensionDb } from './support/extension-db';
import { load1, median, out, percentile, round } from './support/harness';

const CARDS = 500;
const MOVES = Number(process.env.BENCH_MOVES ?? 20);
const BUDGET_MS = 50;
const DAY = 86_400_000;
const STAGES = ['Sourced', 'Contacted', 'Replied', 'Screen', 'Onsite', 'Offer', 'Hired'];

/** Rows as the extension stores them (see lib/model and lib/db/database.ts). */
function seedRows() {
  const now = Date.now();
  const synced = { teamId: LOCAL_TEAM_ID, version: 1, deletedAt: null };
  const recruiter = { id: ulid(), ...synced, name: 'Riley Recruiter', email: 'riley@example.com', role: 'recruiter' };
  const manager = { id: ulid(), ...synced, name: 'Hana Manager', email: 'hana@example.com', role: 'hiring_manager' };
  const requisition = { id: ulid(), ...synced, title: 'Staff Platform Engineer', hiringManagerId: manager.id, recruiterIds: [recruiter.id], mustHaves: [], niceToHaves: [], feedbackSlaHours: 48, targetHires: 2, targetDate: null, stages: STAGES, status: 'open', createdAt: now - 90 * DAY };
  const prospects = [];
  const pipeline = [];
  const activities = [];
  const waiting: string[] = [];
  for (let i = 0; i < CARDS; i++) {
    const id = ulid();
    const stage = STAGES[i % STAGES.length]!;
    const at = now - ((i * 7) % 60) * DAY - i * 1000;
    prospects.push(toProspectRow({ id, ...synced, name: `Person ${i + 1} Benchmark`, headline: `Senior engineer ${i + 1} · distributed systems and databases`, company: `Company ${i % 13}`, location: 'Berlin, Germany', profiles: [{ site: 'linkedin', key: `linkedin:board-bench-${i}`, url: `https://www.linkedin.com/in/board-bench-${i}/` }], emails: [], doNotContact: null, createdAt: at, updatedAt: at }));
    pipeline.push({ id: pipelineEntryId(id, requisition.id), ...synced, prospectId: id, requisitionId: requisition.id, stage, status: 'active', reason: null, declinedOffer: null, updatedAt: at });
    activities.push({ id: ulid(), ...synced, version: i + 1, prospectId: id, actorId: recruiter.id, at, requisitionId: requisition.id, kind: 'stage_changed', data: { from: null, fromStatus: null, to: stage, status: 'active', reason: null, declinedOffer: null } });
    if (i % 10 === 0) waiting.push(id);
  }
  const request = { id: ulid(), ...synced, requisitionId: requisition.id, requesterId: recruiter.id, reviewerId: manager.id, prospectIds: waiting.slice(0, 50), message: '', createdAt: now - 3 * DAY, dueAt: now - DAY, status: 'open', reassignedFrom: null, history: [] };
  const me = { memberId: recruiter.id, teamId: LOCAL_TEAM_ID, name: recruiter.name, email: recruiter.email, role: 'recruiter' };
  return {
    requisitionId: requisition.id,
    stores: { members: [recruiter, manager], requisitions: [requisition], prospects, pipeline, activities, reviewRequests: [request], local: [{ key: 'me', value: me }] } as Record<string, object[]>,
  };
}

interface BenchState {
  startedAt: number;
  watching: { id: string; stage: string } | null;
  samples: number[];
  /** To the DOM change (React's commit), of the same moves: the rest of a sample is style, layout and paint. */
  committed: number[];
}

/** Installs the timer: the dropping event's timestamp → first frame after the card is in its new column. */
async function instrument(page: Page) {
  await page.evaluate(() => {
    const state: BenchState = { startedAt: 0, watching: null, samples: [], committed: [] };
    (window as unknown as { __boardBench: BenchState }).__boardBench = state;
    const mark = (e: Event) => void (state.startedAt = e.timeStamp);
    window.addEventListener('pointerup', mark, true);
    window.addEventListener('keydown', (e) => void ((e.key === ' ' || e.key === 'Enter') && mark(e)), true);
    const afterPaint = (cb: () => void) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = cb;
        channel.port2.postMessage(null);
      });
    new MutationObserver(() => {
      const w = state.watching;
      if (!w || !document.querySelector(`[data-testid="board-column"][data-stage="${w.stage}"] [data-testid="board-card"][data-prospect-id="${w.id}"]`)) return;
      state.watching = null;
      const startedAt = state.startedAt;
      state.committed.push(performance.now() - startedAt);
      afterPaint(() => state.samples.push(performance.now() - startedAt));
    }).observe(document.body, { subtree: true, childList: true });
  });
}

const column = (page: Page, stage: string) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);

/** The first card of `from` and the stage after it; starts watching for it there. */
async function nextMove(page: Page, k: number): Promise<{ card: Locator; id: string; from: string; to: string }> {
  const from = STAGES[k % (STAGES.length - 1)]!;
  const to = STAGES[(k % (STAGES.length - 1)) + 1]!;
  const card = column(page, from).getByTestId('board-card').first();
  const id = (await card.getAttribute('data-prospect-id'))!;
  await page.evaluate((w) => void ((window as unknown as { __boardBench: BenchState }).__boardBench.watching = w), { id, stage: to });
  return { card, id, from, to };
}

/** Waits for the move's sample, then for the move to land (the card shows its days at the new stage). */
async function settle(page: Page, n: number, id: string, to: string): Promise<number> {
  const t0 = Date.now();
  await page.waitForFunction((count) => (window as unknown as { __boardBench: BenchState }).__boardBench.samples.length >= count, n).catch(async (e: unknown) => {
    const where = await page.evaluate((card) => document.querySelector(`[data-testid="board-card"][data-prospect-id="${card}"]`)?.getAttribute('data-stage'), id);
    throw new Error(`move ${n} (to ${to}) was not painted; the card is at ${where}`, { cause: e });
  });
  await column(page, to).locator(`[data-prospect-id="${id}"] [data-metric^="days-in-stage:"]`).waitFor();
  const landed = Date.now() - t0;
  // Let the undo toast's timer and the live queries go quiet before the next move.
  await page.waitForTimeout(150);
  return landed;
}

async function mouseDrag(page: Page, k: number, n: number) {
  const { card, id, to } = await nextMove(page, k);
  await card.scrollIntoViewIfNeeded();
  const a = (await card.locator('.board-card-handle').boundingBox())!;
  const b = (await column(page, to).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height / 2, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + 60, { steps: 8 });
  await page.mouse.up();
  return settle(page, n, id, to);
}

async function keyboardDrag(page: Page, k: number, n: number) {
  const { card, id, to } = await nextMove(page, k);
  const handle = card.locator('.board-card-handle');
  await handle.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction((el) => el?.getAttribute('aria-pressed') === 'true', await handle.elementHandle());
  await page.keyboard.press('ArrowRight');
  await page.locator('[id^="DndLiveRegion"]').filter({ hasText: `is over ${to}.` }).waitFor();
  await page.keyboard.press('Space');
  return settle(page, n, id, to);
}

async function menuMove(page: Page, k: number, n: number) {
  const { card, id, to } = await nextMove(page, k);
  await card.locator('.board-move-button').click();
  await page.getByRole('menuitem', { name: to, exact: true }).focus();
  await page.keyboard.press('Enter');
  return settle(page, n, id, to);
}

const ext = await launchWithExtension({ hostResolverRules: 'MAP tandem-bench.invalid 127.0.0.1' });
// tsx compiles with keepNames, so functions passed to page.evaluate call a `__name` helper
// that only exists in Node; give pages a no-op one.
await ext.context.addInitScript('globalThis.__name = (f) => f');
try {
  const page = await ext.context.newPage();
  await page.goto(ext.extensionUrl('dashboard.html'));
  await page.getByRole('navigation', { name: 'Dashboard views' }).waitFor();
  const { requisitionId, stores } = seedRows();
  await seedExtensionDb(page, stores);
  // A new load: the open page's Dexie does not see rows written around it.
  await page.goto(ext.extensionUrl(`dashboard.html#board/${requisitionId}`));
  const loadStart = Date.now();
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="board-card"]').length === n, CARDS, { timeout: 60_000 });
  const boardShownMs = Date.now() - loadStart;
  await page.waitForTimeout(300);
  await instrument(page);
  let n = 0;
  for (const [how, run] of [
    ['mouse-drag', mouseDrag],
    ['keyboard-drag', keyboardDrag],
    ['move-to-menu', menuMove],
  ] as const) {
    const landed: number[] = [];
    const before = n;
    for (let k = 0; k < MOVES; k++) landed.push(await run(page, k, ++n));
    const { samples: all, committed: allCommitted } = await page.evaluate(() => (window as unknown as { __boardBench: BenchState }).__boardBench);
    const samples = all.slice(before);
    const committed = allCommitted.slice(before);
    out({
      bench: `board-move-painted:${how}`,
      cards: CARDS,
      moves: samples.length,
      medianMs: round(median(samples)),
      p95Ms: round(percentile(samples, 95)),
      maxMs: round(Math.max(...samples)),
      committedMedianMs: round(median(committed)),
      landedMedianMs: round(median(landed)),
      budgetMs: BUDGET_MS,
      withinBudget: percentile(samples, 95) <= BUDGET_MS,
      load1: load1(),
    });
  }
  out({ bench: 'board-500-cards-shown', ms: boardShownMs, load1: load1() });
} finally {
  await ext.close();
}
