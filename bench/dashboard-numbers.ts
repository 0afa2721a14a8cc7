// Budgets (issue 10), in headless Debian Chromium with the built extension and 1,000,000
// activities in its IndexedDB (100,000 people over 52 weeks, 3 requisitions, 10 members):
// - the Numbers view's first figures ≤ 1 s after navigation (pass-through of a requisition);
// - metrics after one new change ≤ 300 ms: a new activity written and announced as Dexie
//   announces a write from another page, until the view shows the new figure.
// Also printed: when sourcing activity (the 12-week window) shows. BENCH_RUNS (default 5).
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../tests/e2e/support/chromium';
import { median, onCleanup, out, round, runBench } from './support/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
const PEOPLE = ACTIVITIES / 10;

/** tsx keeps function names with an `__name` helper that the page does not have. */
const KEEP_NAMES = 'window.__name = (f) => f';

/** Writes the history straight into the extension's database (raw IndexedDB, batches of 20,000). */
async function seed(page: Page) {
  await page.evaluate(KEEP_NAMES);
  return page.evaluate(
    async ({ activities, people }) => {
      const open = () =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('tandem');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(new Error(String(req.error)));
        });
      const db = await open();
      const put = (store: string, rows: object[]) =>
        new Promise<void>((resolve, reject) => {
          const tx = db.transaction(store, 'readwrite');
          const s = tx.objectStore(store);
          for (const row of rows) s.put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(new Error(String(tx.error)));
        });
      const id = (prefix: string, n: number) => `${prefix}${n.toString(32).toUpperCase().padStart(26 - prefix.length, '0')}`;
      const now = Date.now();
      const WEEK = 7 * 86_400_000;
      const members = Array.from({ length: 10 }, (_, i) => ({ id: id('M', i), teamId: 'local', version: 1, deletedAt: null, name: `Member ${i}`, email: `member${i}@acme.example`, role: i < 3 ? 'hiring_manager' : 'recruiter' }));
      await put('members', members);
      const stages = ['Sourced', 'Contacted', 'Replied', 'Recruiter screen', 'Hiring manager screen', 'Onsite', 'Offer', 'Hired'];
      const reqs = [0, 1, 2].map((i) => ({
        id: id('R', i),
        teamId: 'local',
        version: 1,
        deletedAt: null,
        title: `Requisition ${i}`,
        hiringManagerId: members[i]!.id,
        recruiterIds: [members[3]!.id],
        mustHaves: ['Go', 'Postgres'],
        niceToHaves: [],
        feedbackSlaHours: 48,
        targetHires: 2,
        targetDate: null,
        stages,
        status: 'open',
        createdAt: now - 52 * WEEK,
      }));
      await put('requisitions', reqs);
      let seedState = 42;
      const rand = () => ((seedState = (seedState * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
      for (let from = 0; from < people; from += 20_000) {
        const rows = Array.from({ length: Math.min(20_000, people - from) }, (_, k) => {
          const createdAt = now - Math.floor(rand() * 52 * WEEK);
          const i = from + k;
          return { id: id('P', i), teamId: 'local', version: i + 1, deletedAt: null, name: `Person ${i}`, headline: null, company: null, location: null, profiles: [], profileKeys: [`linkedin:person-${i}`], emails: [], doNotContact: null, nameKey: `person ${i}`, nameWords: ['person', String(i)], createdAt, updatedAt: createdAt };
        });
        await put('prospects', rows);
      }
      let n = 0;
      let batch: object[] = [];
      const flush = async () => {
        await put('activities', batch);
        batch = [];
      };
      const base = (prospect: number, actor: number, at: number, requisitionId: string | null) => ({ id: id('A', n++), teamId: 'local', version: n, deletedAt: null, prospectId: id('P', prospect), actorId: members[actor]!.id, at, requisitionId });
      // Pipelines: 15,000 people, 5,000 per requisition, each moved forward a few stages, some closed.
      for (let p = 0; p < 15_000; p++) {
        const req = reqs[p % 3]!;
        let at = now - Math.floor(rand() * 52 * WEEK);
        const actor = 3 + (p % 7);
        const furthest = Math.floor(rand() * rand() * stages.length);
        batch.push({ ...base(p, actor, at, req.id), kind: 'stage_changed', data: { from: null, fromStatus: null, to: stages[0], status: 'active', reason: null, declinedOffer: null } });
        for (let k = 1; k <= furthest; k++) {
          at += Math.floor(rand() * 5 * 86_400_000);
          batch.push({ ...base(p, actor, at, req.id), kind: 'stage_changed', data: { from: stages[k - 1], fromStatus: 'active', to: stages[k], status: 'active', reason: null, declinedOffer: null } });
        }
        if (furthest < stages.length - 1 && rand() < 0.6) batch.push({ ...base(p, actor, at + 86_400_000, req.id), kind: 'stage_changed', data: { from: stages[furthest], fromStatus: 'active', to: stages[furthest], status: 'rejected', reason: rand() < 0.5 ? 'Not enough Go' : 'Compensation', declinedOffer: null } });
        if (batch.length >= 20_000) await flush();
      }
      // The rest: views, outreach and replies of 100,000 people over 52 weeks.
      while (n < activities) {
        const p = Math.floor(rand() * people);
        const r = rand();
        const kind = r < 0.6 ? { kind: 'viewed', data: {} } : r < 0.9 ? { kind: 'outreach', data: { channel: 'inmail' } } : { kind: 'reply', data: { interest: 'interested' } };
        batch.push({ ...base(p, 3 + Math.floor(rand() * 7), now - Math.floor(rand() * 52 * WEEK), null), ...kind });
        if (batch.length >= 20_000) await flush();
      }
      await flush();
      // Reviews: 2,000 requests of 3 people each, mostly decided.
      const requests: object[] = [];
      const decisions: object[] = [];
      for (let i = 0; i < 2_000; i++) {
        const createdAt = now - Math.floor(rand() * 52 * WEEK);
        const reviewer = members[i % 3]!.id;
        const prospectIds = [0, 1, 2].map((k) => id('P', (i * 3 + k) % 15_000));
        requests.push({ id: id('Q', i), teamId: 'local', version: i + 1, deletedAt: null, requisitionId: reqs[i % 3]!.id, requesterId: members[3]!.id, reviewerId: reviewer, prospectIds, message: '', createdAt, dueAt: createdAt + 48 * 3_600_000, status: 'completed', reassignedFrom: null, history: [] });
        prospectIds.forEach((prospectId, k) =>
          decisions.push({ id: id('D', i * 3 + k), teamId: 'local', version: i + 1, deletedAt: null, requestId: id('Q', i), prospectId, reviewerId: reviewer, verdict: rand() < 0.5 ? 'approve' : 'reject', met: [], missing: rand() < 0.5 ? ['Go'] : [], note: '', decidedAt: createdAt + Math.floor(rand() * 96 * 3_600_000), activityId: id('A', 0) }),
        );
      }
      await put('reviewRequests', requests);
      await put('reviewDecisions', decisions);
      db.close();
      return { activities: n, requisitionId: reqs[0]!.id, member: members[3]!.email };
    },
    { activities: ACTIVITIES, people: PEOPLE },
  );
}

/** Ms from navigation start until an element matching `selector` is in the page. */
const shownAfterNavigation = (page: Page, selector: string) =>
  page.waitForSelector(selector, { state: 'attached', timeout: 120_000 }).then(() => page.evaluate(() => performance.now()));

runBench(async () => {
  const browser = await launchWithExtension({ hostResolverRules: 'MAP tandem.invalid 127.0.0.1' });
  onCleanup(() => browser.close());
  const setup = await browser.context.newPage();
  await setup.goto(browser.extensionUrl('dashboard.html#numbers'));
  await setup.waitForSelector('[data-testid="numbers-requisition"]', { timeout: 60_000 });
  const seeded = await seed(setup);
  await setup.close();

  const first: number[] = [];
  const sourcing: number[] = [];
  const change: number[] = [];
  for (let i = -1; i < RUNS; i++) {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(browser.extensionUrl(`dashboard.html#numbers/${seeded.requisitionId}`));
    const f = await shownAfterNavigation(page, '[data-metric="pass-through:Sourced"]');
    const s = await shownAfterNavigation(page, '[data-metric^="sourcing-viewed:"]');
    // One new change: a view of a new person by member 3, now; then Dexie's notice that the
    // database changed (everything, so every live query of the view answers again).
    await page.evaluate(KEEP_NAMES);
    const ms = await page.evaluate(async (email) => {
      const cell = () => [...document.querySelectorAll<HTMLElement>(`[data-metric^="sourcing-viewed:${email}:"]`)].at(-1)!;
      const before = cell().dataset.value;
      const db = await new Promise<IDBDatabase>((resolve) => {
        const req = indexedDB.open('tandem');
        req.onsuccess = () => resolve(req.result);
      });
      const started = performance.now();
      const n = Math.floor(Math.random() * 1e9);
      const row = { id: `ZZ${String(n).padStart(24, '0')}`, teamId: 'local', version: 0, deletedAt: null, prospectId: `NEW${String(n).padStart(23, '0')}`, actorId: 'M0000000000000000000000003', at: Date.now(), requisitionId: null, kind: 'viewed', data: {} };
      await new Promise<void>((resolve) => {
        const tx = db.transaction('activities', 'readwrite');
        tx.objectStore('activities').put(row);
        tx.oncomplete = () => resolve();
      });
      db.close();
      // What Dexie's own write would announce: the row's keys in the table and each index.
      const key = (k: unknown) => ({ from: k, to: k, d: 1 });
      const part = (index: string) => `idb://tandem/activities/${index}`;
      const detail = {
        [part('')]: key(row.id),
        [part(':dels')]: key(row.id),
        [part('at')]: key(row.at),
        [part('[prospectId+at]')]: key([row.prospectId, row.at]),
        [part('[prospectId+actorId+kind]')]: key([row.prospectId, row.actorId, row.kind]),
      };
      dispatchEvent(new CustomEvent('x-storagemutated-1', { detail }));
      await new Promise<void>((resolve, reject) => {
        const check = () => (cell().dataset.value !== before ? resolve() : performance.now() - started > 30_000 ? reject(new Error('the view never showed the change')) : requestAnimationFrame(check));
        check();
      });
      return performance.now() - started;
    }, seeded.member);
    await page.close();
    if (i < 0) continue;
    first.push(f);
    sourcing.push(s);
    change.push(ms);
  }
  out({ bench: 'numbers-first-figures', activities: seeded.activities, runs: RUNS, medianMs: round(median(first)), maxMs: round(Math.max(...first)), budgetMs: 1000 });
  out({ bench: 'numbers-sourcing-12-weeks', runs: RUNS, medianMs: round(median(sourcing)), maxMs: round(Math.max(...sourcing)) });
  out({ bench: 'numbers-after-one-change', runs: RUNS, medianMs: round(median(change)), maxMs: round(Math.max(...change)), budgetMs: 300, note: 'a new activity, announced as Dexie announces its own writes' });
});
