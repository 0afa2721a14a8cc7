import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { describe, expect, it } from 'vitest';
import { SidebarApp, type SidebarConnection } from '@/components/sidebar/sidebar-app';
import { DbProvider } from '@/components/ui/db-context';
import type { TandemDB } from '@/lib/db/database';
import { pendingFollowUps } from '@/lib/db/review-queries';
import { DEFAULT_STAGES, type ProspectIdentity } from '@/lib/model';
import { prospectUpsert, requisitionSave, reviewRequest } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { readTray } from '@/lib/review/batch-tray';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';

async function teamDb(role: 'recruiter' | 'sourcer' | 'hiring_manager' = 'recruiter') {
  const db = freshDb();
  const me = member(role, 'Riley Recruiter');
  const hm = member('hiring_manager', 'Hannah Manager');
  await signInAs(db, me);
  await arrived(db, 'members', { id: hm.me.memberId, teamId: 'local', version: 1, deletedAt: null, name: 'Hannah Manager', email: 'hannah@example.com', role: 'hiring_manager' });
  const recruiter = member('recruiter', 'Rita');
  await arrived(db, 'members', { id: recruiter.me.memberId, teamId: 'local', version: 1, deletedAt: null, name: 'Rita', email: 'rita@example.com', role: 'recruiter' });
  const requisitionId = ulid();
  await mutate(db, requisitionSave, { id: requisitionId, title: 'Staff Platform Engineer', hiringManagerId: hm.me.memberId, stages: DEFAULT_STAGES }, recruiter);
  return { db, me, hm, requisitionId };
}

function sidebar(db: TandemDB, id: ProspectIdentity) {
  const connection: SidebarConnection = { phase: 'ready', state: { status: 'identified', url: id.url, at: 0, identity: id } };
  return render(
    <DbProvider db={db}>
      <SidebarApp connection={connection} />
    </DbProvider>,
  );
}

describe('review batch in the sidebar', () => {
  it('adds people across pages, reorders and removes them, and sends the batch to the hiring manager', async () => {
    const { db, hm, requisitionId } = await teamDb();
    const user = userEvent.setup();
    const people = [identity('ada', { name: 'Ada Lovelace' }), identity('grace', { name: 'Grace Hopper' }), identity('alan', { name: 'Alan Turing' })];
    for (const person of people) {
      const view = sidebar(db, person);
      await user.click(await screen.findByTestId('add-to-review'));
      await waitFor(() => expect(screen.getByTestId('add-to-review')).toHaveTextContent('In the review batch'));
      view.unmount();
    }
    sidebar(db, people[0]!);
    const tray = await screen.findByTestId('batch-tray');
    expect(within(tray).getAllByTestId('tray-item').map((li) => li.querySelector('.tray-name')?.textContent)).toEqual(['Ada Lovelace', 'Grace Hopper', 'Alan Turing']);
    await user.click(within(tray).getByRole('button', { name: 'Move Alan Turing up' }));
    await user.click(within(tray).getByRole('button', { name: 'Remove Ada Lovelace from the batch' }));
    await waitFor(() => expect(within(tray).getAllByTestId('tray-item').map((li) => li.querySelector('.tray-name')?.textContent)).toEqual(['Alan Turing', 'Grace Hopper']));
    expect(within(tray).getByLabelText('Reviewer')).toHaveValue(hm.me.memberId);
    // Never the sender: requesting a review of one's own batch is refused.
    expect(within(within(tray).getByLabelText('Reviewer')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a reviewer', 'Hannah Manager (Hiring manager)', 'Rita (Recruiter)']);
    await user.type(within(tray).getByLabelText('Message'), 'Calibration: two strong platform profiles');
    await user.click(within(tray).getByTestId('send-for-review'));
    expect(await screen.findByText('Sent 2 people to Hannah Manager for review.')).toBeInTheDocument();
    const [request] = await db.reviewRequests.toArray();
    const alan = (await db.prospects.where('profileKeys').equals('linkedin:alan').first())!;
    const grace = (await db.prospects.where('profileKeys').equals('linkedin:grace').first())!;
    expect(request).toMatchObject({ requisitionId, reviewerId: hm.me.memberId, prospectIds: [alan.id, grace.id], message: 'Calibration: two strong platform profiles', status: 'open' });
    expect(await readTray(db)).toEqual({ requisitionId: null, prospectIds: [] });
    expect((await db.activities.where('[prospectId+at]').between([alan.id, 0], [alan.id, Infinity]).toArray()).map((a) => a.kind)).toContain('review_requested');
  });

  it('takes back a batch sent or cleared by mistake: the request is withdrawn and the batch comes back', async () => {
    const { db } = await teamDb();
    const user = userEvent.setup();
    sidebar(db, identity('ada'));
    await user.click(await screen.findByTestId('add-to-review'));
    const tray = await screen.findByTestId('batch-tray');
    await user.click(within(tray).getByTestId('send-for-review'));
    expect(await screen.findByText('Sent 1 person to Hannah Manager for review.')).toBeInTheDocument();
    const [request] = await db.reviewRequests.toArray();
    await user.click(screen.getByTestId('batch-undo'));
    await waitFor(async () => expect((await db.reviewRequests.get(request!.id))?.status).toBe('cancelled'));
    expect(within(await screen.findByTestId('batch-tray')).getAllByTestId('tray-item')).toHaveLength(1);
    expect((await readTray(db)).prospectIds).toEqual(request!.prospectIds);

    await user.click(within(screen.getByTestId('batch-tray')).getByRole('button', { name: 'Clear' }));
    expect(await screen.findByText('Batch cleared.')).toBeInTheDocument();
    await user.click(screen.getByTestId('batch-undo'));
    expect(within(await screen.findByTestId('batch-tray')).getAllByTestId('tray-item')).toHaveLength(1);
  });

  it('says who already has the person in review, and will not send them to that reviewer again', async () => {
    const { db, me, hm, requisitionId } = await teamDb();
    const { result: adaId } = await mutate(db, prospectUpsert, { identity: identity('ada') }, me);
    await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: [adaId!], activityIds: [ulid()], at: Date.now() }, me);
    const user = userEvent.setup();
    sidebar(db, identity('ada'));
    expect(await screen.findByTestId('already-in-review')).toHaveTextContent('Already in review with Hannah Manager for Staff Platform Engineer');
    await user.click(screen.getByTestId('add-to-review'));
    const tray = await screen.findByTestId('batch-tray');
    expect(within(tray).getByTestId('tray-item')).toHaveTextContent('already in review with Hannah Manager');
    expect(within(tray).getByTestId('send-for-review')).toBeDisabled();
    expect(within(tray).getByTestId('tray-blocked')).toHaveTextContent('Ada Lovelace is already in review with Hannah Manager for this requisition: remove them from the batch or choose another reviewer.');
    // Another reviewer may still look at them.
    await user.selectOptions(within(tray).getByLabelText('Reviewer'), 'Rita (Recruiter)');
    expect(within(tray).getByTestId('send-for-review')).toBeEnabled();
    expect(within(tray).queryByTestId('tray-blocked')).toBeNull();
  });

  it('keeps a pasted message whole and says it is too long', async () => {
    const { db } = await teamDb();
    const user = userEvent.setup();
    sidebar(db, identity('ada'));
    await user.click(await screen.findByTestId('add-to-review'));
    const tray = await screen.findByTestId('batch-tray');
    await user.click(within(tray).getByLabelText('Message'));
    await user.paste('é'.repeat(2_600));
    expect(within(tray).getByLabelText('Message')).toHaveValue('é'.repeat(2_600));
    expect(within(tray).getByTestId('tray-message-limit')).toHaveTextContent('Too long to save: 5,200 bytes, at most 5,000 (200 over)');
    expect(within(tray).getByTestId('send-for-review')).toBeDisabled();
  });

  it('names the requisition picker for what it chooses', async () => {
    const { db } = await teamDb();
    sidebar(db, identity('ada'));
    await screen.findByTestId('add-to-review');
    expect(screen.getByRole('combobox', { name: 'Requisition for this review' })).toHaveDisplayValue('Staff Platform Engineer');
  });

  it('does not offer batches to a hiring manager', async () => {
    const { db } = await teamDb('hiring_manager');
    sidebar(db, identity('ada'));
    await screen.findAllByTestId('activity-item');
    expect(screen.queryByTestId('add-to-review')).toBeNull();
    expect(screen.queryByTestId('batch-tray')).toBeNull();
  });

  it('points to the requisitions page when there is no open requisition', async () => {
    const db = freshDb();
    await signInAs(db, member('recruiter'));
    sidebar(db, identity('ada'));
    expect(await screen.findByText(/No open requisition yet/)).toBeInTheDocument();
    expect(screen.queryByTestId('add-to-review')).toBeNull();
  });
});

describe('follow-ups in the sidebar', () => {
  it('sets a reminder in N days and marks it done', async () => {
    const { db, me } = await teamDb();
    await mutate(db, prospectUpsert, { identity: identity('ada') }, me);
    const user = userEvent.setup();
    sidebar(db, identity('ada'));
    await user.selectOptions(await screen.findByLabelText('Remind me in'), '3');
    await user.click(screen.getByTestId('follow-up-set'));
    const item = await screen.findByTestId('follow-up-item');
    const [followUp] = await pendingFollowUps(db, me.me.memberId);
    const days = (followUp!.dueAt - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2);
    expect(days).toBeLessThan(4);
    expect(new Date(followUp!.dueAt).getHours()).toBe(9);
    await user.click(within(item).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByTestId('follow-up-item')).toBeNull());
    expect(await pendingFollowUps(db, me.me.memberId)).toEqual([]);
  });
});

describe("the hiring manager's review in the sidebar", () => {
  async function sentForReview() {
    const db = freshDb();
    const recruiter = member('recruiter', 'Riley Recruiter');
    const hm = member('hiring_manager', 'Hannah Manager');
    for (const m of [recruiter, hm]) await arrived(db, 'members', { id: m.me.memberId, teamId: 'local', version: 1, deletedAt: null, name: m.me.name, email: `${m.me.memberId.toLowerCase()}@x.example`, role: m.me.role });
    const requisitionId = ulid();
    await mutate(db, requisitionSave, { id: requisitionId, title: 'Staff Platform Engineer', hiringManagerId: hm.me.memberId, mustHaves: ['Go', 'Postgres'], stages: DEFAULT_STAGES }, recruiter);
    const ids: string[] = [];
    for (const slug of ['ada', 'grace']) ids.push((await mutate(db, prospectUpsert, { identity: identity(slug) }, recruiter)).result!);
    await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: ids, activityIds: ids.map(() => ulid()) }, recruiter);
    return { db, recruiter, hm };
  }

  it('lets the reviewer decide on the person in view, with scorecard items, and undo', async () => {
    const { db, hm } = await sentForReview();
    await signInAs(db, hm);
    const user = userEvent.setup();
    sidebar(db, identity('ada'));
    const section = await screen.findByTestId('sidebar-review');
    expect(section).toHaveTextContent('Your review · Staff Platform Engineer');
    expect(section).toHaveTextContent('0 of 2 decided');
    await user.click(within(within(section).getByText('Postgres').closest('li')!).getByRole('button', { name: 'Missing' }));
    await user.type(within(section).getByLabelText(/Note/), 'Needs more backend depth');
    await user.click(within(section).getByTestId('sidebar-reject'));
    expect(await within(section).findByTestId('sidebar-decision')).toHaveTextContent('You rejected this person.');
    const [decision] = await db.reviewDecisions.toArray();
    expect(decision).toMatchObject({ verdict: 'reject', missing: ['Postgres'], met: [], note: 'Needs more backend depth' });
    await waitFor(() => expect(screen.getAllByTestId('activity-item')[0]).toHaveAttribute('data-kind', 'review_decision'));
    await user.click(within(section).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(within(section).queryByTestId('sidebar-decision')).toBeNull());
    expect((await db.reviewDecisions.toArray())[0]?.deletedAt).not.toBeNull();
  });

  it('keeps the decision in view, with undo, when it completes the request', async () => {
    const { db, hm } = await sentForReview();
    await signInAs(db, hm);
    const user = userEvent.setup();
    const grace = (await db.prospects.where('profileKeys').equals('linkedin:grace').first())!;
    const view = sidebar(db, identity('grace'));
    await user.click(within(await screen.findByTestId('sidebar-review')).getByTestId('sidebar-approve'));
    view.unmount();
    sidebar(db, identity('ada'));
    const section = await screen.findByTestId('sidebar-review');
    await user.click(within(section).getByTestId('sidebar-approve'));
    expect(await within(section).findByTestId('sidebar-decision')).toHaveTextContent('You approved this person.');
    expect((await db.reviewRequests.toArray())[0]?.status).toBe('completed');
    await user.click(within(section).getByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await db.reviewRequests.toArray())[0]?.status).toBe('open'));
    expect(grace.id).toBeTruthy();
  });

  it('takes the review page’s keys: N is the decision’s note, A and R decide, U undoes', async () => {
    const { db, hm } = await sentForReview();
    await signInAs(db, hm);
    const user = userEvent.setup();
    sidebar(db, identity('ada'));
    const section = await screen.findByTestId('sidebar-review');
    await screen.findAllByTestId('activity-item');
    await user.keyboard('n');
    const decisionNote = within(section).getByLabelText(/Note/);
    expect(decisionNote).toHaveFocus();
    expect(screen.getByTestId('note-input')).not.toHaveFocus();
    await user.keyboard('Ready for onsite{Escape}');
    decisionNote.blur();
    await user.keyboard('a');
    expect(await within(section).findByTestId('sidebar-decision')).toHaveTextContent('You approved this person.');
    expect((await db.reviewDecisions.toArray())[0]).toMatchObject({ verdict: 'approve', note: 'Ready for onsite' });
    // Decided: N is the team note again, and U takes the decision back.
    await user.keyboard('n');
    expect(screen.getByTestId('note-input')).toHaveFocus();
    screen.getByTestId('note-input').blur();
    await user.keyboard('u');
    await waitFor(() => expect(within(section).queryByTestId('sidebar-decision')).toBeNull());
    await user.keyboard('r');
    expect(await within(section).findByTestId('sidebar-decision')).toHaveTextContent('You rejected this person.');
    expect((await db.reviewDecisions.filter((d) => d.deletedAt === null).toArray()).map((d) => d.verdict)).toEqual(['reject']);
  });

  it('is not offered to anyone else', async () => {
    const { db, recruiter } = await sentForReview();
    await signInAs(db, recruiter);
    sidebar(db, identity('ada'));
    await screen.findAllByTestId('activity-item');
    expect(screen.queryByTestId('sidebar-review')).toBeNull();
    expect(await screen.findByTestId('outreach-warning')).toHaveTextContent('In review with Hannah Manager');
  });
});
