import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import { ReviewApp } from '@/components/review/review-app';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { DbProvider } from '@/components/ui/db-context';
import { mutate } from '@/lib/db/mutate';
import { activitiesFor } from '@/lib/db/queries';
import { DEFAULT_STAGES } from '@/lib/model';
import { activityLog, followUpSet, noteAdd, prospectUpsert, requisitionSave, reviewDecide, reviewRequest } from '@/lib/mutations';
import type { TandemDB } from '@/lib/db/database';
import { freshDb, identity, member, signInAs } from '../support/db';
import { recordTransactions } from '../support/transactions';
import { recordWholeTableReads } from '../support/whole-table-reads';

// Issue 13: nothing on the sidebar's or the review page's path reads a table whole, so opening
// a profile or a review costs the same whoever the person is and however much the team has done. The tables read whole here
// are bounded by the team itself, not its history.
const BOUNDED_BY_TEAM = new Set(['members', 'local']);

let db: TandemDB;
afterEach(() => db?.close());

it('opens a profile reading only that person’s rows', async () => {
  db = freshDb();
  const reads = recordWholeTableReads(db);
  const me = member('recruiter', 'Riley Recruiter');
  await signInAs(db, me);
  // Another person with history of their own, and this one with a note and a follow-up.
  const other = (await mutate(db, prospectUpsert, { identity: identity('grace-hopper', { name: 'Grace Hopper' }) }, me)).result!;
  await mutate(db, noteAdd, { prospectId: other, body: 'Someone else' }, me);
  await mutate(db, followUpSet, { prospectId: other, dueAt: 10 }, me);
  const ada = (await mutate(db, prospectUpsert, { identity: identity() }, me)).result!;
  await mutate(db, noteAdd, { prospectId: ada, body: 'Strong on Kotlin' }, me);
  await mutate(db, followUpSet, { prospectId: ada, dueAt: 20 }, me);
  reads.length = 0;

  render(
    <DbProvider db={db}>
      <SidebarApp connection={{ phase: 'ready', state: { status: 'identified', url: identity().url, at: 0, identity: identity() } }} />
    </DbProvider>,
  );
  await screen.findByText('Strong on Kotlin');
  expect(await screen.findAllByTestId('follow-up-item')).toHaveLength(1);
  // Recording the visit is on the path too.
  await waitFor(async () => expect((await activitiesFor(db, ada)).map((a) => a.kind)).toContain('viewed'));
  expect(unbounded(reads)).toEqual([]);
});

it('opens a review reading only its people’s rows and decisions', async () => {
  db = freshDb();
  const reads = recordWholeTableReads(db);
  const { recruiter, hm, role } = await reviewTeam();
  const [earlier, now] = [await role('Data Engineer'), await role('Staff Platform Engineer')];
  await role('A role nobody here was reviewed for');
  const ada = (await mutate(db, prospectUpsert, { identity: identity() }, recruiter)).result!;
  for (let i = 0; i < 5; i++) await mutate(db, activityLog, { prospectId: ada, kind: 'outreach', data: { channel: 'email' }, at: 1_000 + i }, recruiter);
  const send = async (requisitionId: string) =>
    (await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: [ada], activityIds: [ulid()], message: '', at: Date.now() }, recruiter)).result!;
  const first = await send(earlier);
  await mutate(db, reviewDecide, { requestId: first, prospectId: ada, verdict: 'reject', missing: ['Go'], note: 'Not yet', activityId: ulid() }, hm);
  const requestId = await send(now);
  await signInAs(db, hm);
  reads.length = 0;

  render(
    <DbProvider db={db}>
      <ReviewApp requestId={requestId} />
    </DbProvider>,
  );
  // The earlier decision is named by its role: that requisition was read, by id.
  expect(await screen.findByText(/Data Engineer/)).toBeInTheDocument();
  expect(unbounded(reads)).toEqual([]);
});

// Issue 13: in Chromium what cost the review page's first person was not rows but requests, each
// read in a transaction of its own (~250 for 50 people). Its reads are batched in a few
// transactions, as many for twelve people as for one.
it('opens a review in as many transactions for twelve people as for one', async () => {
  const opening = async (people: number) => {
    db?.close();
    db = freshDb();
    const transactions = recordTransactions(db);
    const { recruiter, hm, role } = await reviewTeam();
    const [earlier, now] = [await role('Data Engineer'), await role('Staff Platform Engineer')];
    const ids: string[] = [];
    for (let i = 0; i < people; i++) {
      const id = (await mutate(db, prospectUpsert, { identity: identity(`person-${i}`, { name: `Person ${i}` }) }, recruiter)).result!;
      await mutate(db, noteAdd, { prospectId: id, body: `A note on person ${i}` }, recruiter);
      ids.push(id);
    }
    const send = async (requisitionId: string) =>
      (await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: ids, activityIds: ids.map(() => ulid()), message: '', at: Date.now() }, recruiter)).result!;
    const first = await send(earlier);
    for (const id of ids) await mutate(db, reviewDecide, { requestId: first, prospectId: id, verdict: 'reject', missing: ['Go'], note: 'Not yet', activityId: ulid() }, hm);
    const requestId = await send(now);
    await signInAs(db, hm);
    const before = transactions.count;
    const { unmount } = render(
      <DbProvider db={db}>
        <ReviewApp requestId={requestId} />
      </DbProvider>,
    );
    expect(await screen.findByText('A note on person 0')).toBeInTheDocument();
    const opened = transactions.count - before;
    unmount();
    return opened;
  };
  const one = await opening(1);
  const twelve = await opening(12);
  expect(twelve).toBe(one);
});

/** A recruiter and a hiring manager signed in on `db`, and a way to open a role the manager reviews for. */
async function reviewTeam() {
  const recruiter = member('recruiter', 'Riley Recruiter');
  const hm = member('hiring_manager', 'Hana Manager');
  for (const m of [recruiter, hm]) await signInAs(db, m);
  const role = async (title: string) =>
    (await mutate(db, requisitionSave, { title, hiringManagerId: hm.me.memberId, recruiterIds: [recruiter.me.memberId], mustHaves: ['Go'], niceToHaves: [], stages: DEFAULT_STAGES }, recruiter)).result!;
  return { recruiter, hm, role };
}

function unbounded(reads: string[]): string[] {
  return [...new Set(reads)].filter((r) => !BOUNDED_BY_TEAM.has(r.split('.')[0]!));
}
