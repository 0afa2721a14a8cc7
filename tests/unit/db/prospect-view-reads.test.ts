import { Dexie } from 'dexie';
import { ulid } from 'ulidx';
import { afterEach, expect, it } from 'vitest';
import { readProspectView } from '@/components/prospect/use-prospect-view';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { mutate } from '@/lib/db/mutate';
import { allowSyncedWrites } from '@/lib/db/synced-write-guard';
import { fillUpgradeWalks } from '@/lib/db/upgrade-walks';
import { activitiesSinceFor } from '@/lib/db/queries';
import { GUARD_ACTIVITY_KINDS, guardWindowStart, outreachWarnings } from '@/lib/guard/outreach-guard';
import type { Activity, ActivityPayload } from '@/lib/model';
import { activityLog, activityUndo, noteAdd, prospectMerge, prospectUpsert } from '@/lib/mutations';
import { arrived, freshDb, identity, member, signInAs } from '../../support/db';
import { recordTransactions } from '../../support/transactions';
import { watchReads } from '../../support/watch-reads';

// Issue 13: the sidebar's lookup on a large team's device in Chromium. Each read in a
// transaction of its own cost 1.5–4 ms, and the guard read every reply and decision of the
// person's last 90 days (~200 rows for some) to show one of each.

const DAY = 24 * 60 * 60 * 1000;
let db: TandemDB;
afterEach(() => db?.close());

async function person(beforeOpen: (db: TandemDB) => void = () => undefined) {
  db = freshDb();
  beforeOpen(db);
  const transactions = recordTransactions(db);
  const me = member('recruiter', 'Riley Recruiter');
  await signInAs(db, me);
  const id = (await mutate(db, prospectUpsert, { identity: identity() }, me)).result!;
  await mutate(db, noteAdd, { prospectId: id, body: 'Strong on Kotlin' }, me);
  const now = Date.now();
  const activity = (payload: ActivityPayload, daysAgo: number, deletedAt: number | null = null): Activity =>
    ({ id: ulid(), teamId: me.me.teamId, version: 1, deletedAt, prospectId: id, actorId: me.me.memberId, at: now - daysAgo * DAY, requisitionId: null, ...payload });
  return { me, id, now, activity, transactions };
}

it('reads the sidebar’s view of a person in one transaction', async () => {
  const { transactions } = await person();
  const before = transactions.count;
  const view = await readProspectView(db, identity());
  expect(view.notes.map((n) => n.body)).toEqual(['Strong on Kotlin']);
  expect(transactions.count - before).toBe(1);
});

it('leaves its caller outside that transaction, free to write next', async () => {
  const { me, id } = await person();
  await readProspectView(db, identity());
  expect(Dexie.currentTransaction).toBeNull();
  await db.transaction('rw', db.local, () => db.local.put({ key: 'after the view', value: 1 }));
  await mutate(db, noteAdd, { prospectId: id, body: 'Written after reading' }, me);
  expect((await readProspectView(db, identity())).notes).toHaveLength(2);
});

it('reads of the guard’s window only the newest outreach (counting the rest by index), warning reply and rejection, and warns the same', async () => {
  let outreachRowsRead = 0;
  const { id, now, activity } = await person((fresh) =>
    watchReads(fresh, 'outreach rows read', {
      answered: (_table, req, rows) => {
        if (req.query.index.name === '[kind+prospectId+at]') outreachRowsRead += (rows as { kind?: string }[]).filter((r) => r?.kind === 'outreach').length;
      },
    }),
  );
  const rows: Activity[] = [];
  const decision = (verdict: 'approve' | 'reject', note: string): ActivityPayload => ({ kind: 'review_decision', data: { requestId: ulid(), decisionId: ulid(), verdict, met: [], missing: [], note } });
  for (let day = 1; day <= 40; day++) {
    rows.push(activity({ kind: 'reply', data: { interest: 'interested' } }, day));
    rows.push(activity(decision('approve', ''), day + 0.5));
  }
  rows.push(
    activity({ kind: 'reply', data: { interest: 'not_interested' } }, 50),
    activity({ kind: 'reply', data: { interest: 'not_interested' } }, 60),
    // Undone: the guard never warns of it.
    activity({ kind: 'reply', data: { interest: 'not_interested' } }, 2, now),
    activity(decision('reject', 'Not yet'), 45),
    activity(decision('reject', 'Older'), 70),
    activity({ kind: 'outreach', data: { channel: 'email' } }, 3),
    activity({ kind: 'outreach', data: { channel: 'inmail' } }, 30),
    activity({ kind: 'outreach', data: { channel: 'call' } }, 1, now),
    // Undone and older than the window: neither counts.
    activity({ kind: 'outreach', data: { channel: 'call' } }, 4, now),
    activity({ kind: 'outreach', data: { channel: 'call' } }, 120),
  );
  for (let day = 5; day <= 29; day++) rows.push(activity({ kind: 'outreach', data: { channel: 'email' } }, day));
  await arrived(db, 'activities', ...rows);

  outreachRowsRead = 0;
  const view = await readProspectView(db, identity());
  // The guard's page of them (16), not all 27 of the window.
  expect(outreachRowsRead).toBeLessThanOrEqual(16);
  const read = view.guardActivities.map((a) => [a.kind, a.at]);
  expect(read).toEqual([
    ['outreach', now - 3 * DAY],
    ['review_decision', now - 45 * DAY],
    ['reply', now - 50 * DAY],
  ]);
  const guard = (activities: Activity[], outreachCount?: number) =>
    outreachWarnings({ prospect: view.prospect, activities, outreachCount, openReviews: view.openReviews, pipeline: view.pipeline, requisitions: view.requisitions, now, windowDays: view.settings.guardWindowDays });
  const whole = await activitiesSinceFor(db, id, GUARD_ACTIVITY_KINDS, guardWindowStart(now, view.settings.guardWindowDays));
  expect(whole.length).toBeGreaterThan(100);
  expect(guard(view.guardActivities, view.outreachCount)).toEqual(guard(whole));
  expect(guard(view.guardActivities, view.outreachCount).map((w) => w.kind)).toEqual(['rejected', 'not_interested', 'recent_outreach']);
  expect(view.outreachCount).toBe(27);
});

it('counts outreach undone on this device out of the guard’s count', async () => {
  const { id, me } = await person();
  const logged = [];
  for (const channel of ['email', 'inmail', 'call'] as const) logged.push((await mutate(db, activityLog, { prospectId: id, kind: 'outreach', data: { channel } }, me)).result!);
  expect((await readProspectView(db, identity())).outreachCount).toBe(3);
  await mutate(db, activityUndo, { id: logged[2]!, at: Date.now() }, me);
  const view = await readProspectView(db, identity());
  expect(view.outreachCount).toBe(2);
  expect(view.guardActivities.map((a) => a.kind === 'outreach' && a.data.channel)).toEqual(['inmail']);
});

it('counts from the rows while undone activities stored before v15 are still being walked, and by index after', async () => {
  const { activity } = await person();
  const live = Array.from({ length: 20 }, (_, day) => activity({ kind: 'outreach', data: { channel: 'email' } }, day + 1));
  // Undone before v15: stored without its `tombstoneOf`, as the upgrade leaves such rows.
  const undone = activity({ kind: 'outreach', data: { channel: 'call' } }, 0.5, Date.now());
  await arrived(db, 'activities', ...live);
  await db.transaction('rw', db.activities, db.local, async () => {
    allowSyncedWrites('pull');
    await db.activities.put(undone);
    await db.local.put({ key: LOCAL_KEYS.tombstoneBacklog, value: { after: null } });
  });
  expect((await readProspectView(db, identity())).outreachCount).toBe(20);
  expect(await fillUpgradeWalks(db, 1_000)).toBe(false);
  expect((await readProspectView(db, identity())).outreachCount).toBe(20);
});

it('reads the person’s merged-in ids once for the whole view, and still shows what is under them', async () => {
  db = freshDb();
  let aliasReads = 0;
  const heard = (table: string) => void (table === 'aliases' && aliasReads++);
  watchReads(db, 'alias reads', { query: heard, openCursor: heard, getMany: heard });
  const me = member('recruiter', 'Riley Recruiter');
  await signInAs(db, me);
  const ada = (await mutate(db, prospectUpsert, { identity: identity() }, me)).result!;
  const dup = (await mutate(db, prospectUpsert, { identity: identity('ada-dup') }, me)).result!;
  await mutate(db, noteAdd, { prospectId: dup, body: 'in Greenhouse' }, me);
  await mutate(db, activityLog, { prospectId: dup, kind: 'outreach', data: { channel: 'email' } }, me);
  await mutate(db, prospectMerge, { intoId: ada, fromId: dup }, me);

  aliasReads = 0;
  const view = await readProspectView(db, identity());
  expect(view.notes.map((n) => n.body)).toEqual(['in Greenhouse']);
  expect(view.guardActivities.map((a) => a.kind)).toEqual(['outreach']);
  expect(view.outreachCount).toBe(1);
  expect(view.feed.activities.map((a) => a.kind)).toContain('outreach');
  // One read per link of the merge chain (ada ← dup, then nothing leads to dup), not one per query.
  expect(aliasReads).toBe(2);
});
