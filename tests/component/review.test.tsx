import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, it } from 'vitest';
import { PersonView } from '@/components/review/person-view';
import { ReviewApp } from '@/components/review/review-app';
import { REVIEW_SHORTCUTS, keyLabels } from '@/components/review/shortcuts';
import { DbProvider } from '@/components/ui/db-context';
import type { TandemDB } from '@/lib/db/database';
import { decisionsForRequest } from '@/lib/db/review-queries';
import { DEFAULT_STAGES } from '@/lib/model';
import { noteAdd, prospectUpsert, requisitionSave, reviewDecide, reviewReassign, reviewRequest } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';
import { watchReads } from '../support/watch-reads';

const HOUR = 3_600_000;
let db: TandemDB;

afterEach(() => db?.close());

/**
 * A recruiter sends `names` to a hiring manager for a role with a three-item scorecard; the
 * device is then the hiring manager's (or `viewer`'s).
 */
async function seed({ names = ['Ada Lovelace', 'Grace Hopper', 'Edsger Dijkstra'], sentHoursAgo = 1, watch = (_: TandemDB) => {} } = {}) {
  db = freshDb();
  watch(db);
  const recruiter = member('recruiter', 'Riley Recruiter');
  const hm = member('hiring_manager', 'Hana Manager');
  const hm2 = member('hiring_manager', 'Omar Other');
  for (const m of [hm2, hm, recruiter]) await signInAs(db, m);
  const { result: requisitionId } = await mutate(
    db,
    requisitionSave,
    { title: 'Staff Platform Engineer', hiringManagerId: hm.me.memberId, recruiterIds: [recruiter.me.memberId], mustHaves: ['Go', 'Postgres'], niceToHaves: ['Kubernetes'], stages: DEFAULT_STAGES },
    recruiter,
  );
  const people: string[] = [];
  for (const [i, name] of names.entries()) {
    const { result } = await mutate(db, prospectUpsert, { identity: identity(`person-${i}`, { name, headline: `Engineer number ${i}` }) }, recruiter);
    people.push(result!);
  }
  await mutate(db, noteAdd, { prospectId: people[0]!, body: 'Ran the Postgres migration at her last job' }, recruiter);
  const at = Date.now() - sentHoursAgo * HOUR;
  const { result: requestId } = await mutate(
    db,
    reviewRequest,
    { requisitionId: requisitionId!, reviewerId: hm.me.memberId, prospectIds: people, activityIds: people.map(() => ulid()), message: 'First calibration batch', at },
    recruiter,
  );
  await signInAs(db, hm);
  return { recruiter, hm, hm2, requisitionId: requisitionId!, requestId: requestId!, people };
}

function renderPage(requestId: string | null) {
  render(
    <DbProvider db={db}>
      <ReviewApp requestId={requestId} />
    </DbProvider>,
  );
  return userEvent.setup();
}

const name = () => screen.getByTestId('review-person-name');
const progress = () => screen.getByTestId('review-progress');
const markButton = (item: string, mark: 'Met' | 'Missing') => within(screen.getByRole('group', { name: item })).getByRole('button', { name: mark });

describe('review page, one person at a time', () => {
  it.each(['https://linkedin.com.evil.example/in/person-0/', 'http://www.linkedin.com/in/person-0/', 'data:text/html,<h1>Sign in</h1>'])('links no profile stored as %s', async (url) => {
    const { requestId, people } = await seed();
    const stored = (await db.prospects.get(people[0]!))!;
    await arrived(db, 'prospects', { ...stored, profiles: [{ ...stored.profiles[0]!, url }] });
    renderPage(requestId);
    expect(await screen.findByTestId('review-person-name')).toHaveTextContent('Ada Lovelace');
    expect(screen.queryByRole('link', { name: /Open LinkedIn profile/ })).toBeNull();
  });

  it('shows the person, the request and the team’s notes, and moves with J and K', async () => {
    const { requestId } = await seed();
    const user = renderPage(requestId);
    expect(await screen.findByTestId('review-person-name')).toHaveTextContent('Ada Lovelace');
    expect(progress()).toHaveTextContent('1 of 3');
    await waitFor(() => expect(screen.getByTestId('review-decided')).toHaveTextContent('0 decided'));
    expect(screen.getByText('Engineer number 0')).toBeInTheDocument();
    expect(screen.getByTestId('review-message')).toHaveTextContent('First calibration batch');
    expect(screen.getByText(/Due in/)).toBeInTheDocument();
    expect(screen.getByTestId('review-notes')).toHaveTextContent('Ran the Postgres migration at her last job');
    const link = screen.getByRole('link', { name: /Open LinkedIn profile/ });
    expect(link).toHaveAttribute('href', 'https://www.linkedin.com/in/person-0/');
    expect(link).toHaveAttribute('target', '_blank');

    await user.keyboard('j');
    expect(name()).toHaveTextContent('Grace Hopper');
    expect(progress()).toHaveTextContent('2 of 3');
    // Everyone's history is read just after the first person's.
    expect(await screen.findByText('No notes on this person yet.')).toBeInTheDocument();
    await user.keyboard('jj');
    expect(progress()).toHaveTextContent('3 of 3');
    await user.keyboard('k');
    expect(name()).toHaveTextContent('Grace Hopper');
    await user.keyboard('kkk');
    expect(progress()).toHaveTextContent('1 of 3');
  });

  it('reads the person it opens on (the first without a decision) before everyone else’s history', async () => {
    // Whose notes each read asks for, in order.
    const notesAsked: unknown[] = [];
    const { requestId, people, hm } = await seed({
      watch: (d) =>
        watchReads(d, 'notes-asked', {
          query: (table, req) => {
            const lower: unknown = req.query.range.lower;
            if (table === 'notes' && Array.isArray(lower)) notesAsked.push(lower[0]);
          },
        }),
    });
    await mutate(db, reviewDecide, { requestId, prospectId: people[0]!, verdict: 'approve' }, hm);
    notesAsked.length = 0;
    const user = renderPage(requestId);
    expect(await screen.findByTestId('review-person-name')).toHaveTextContent('Grace Hopper');
    await waitFor(() => expect(new Set(notesAsked)).toEqual(new Set(people)));
    expect(notesAsked[0]).toBe(people[1]);
    expect(notesAsked.indexOf(people[0])).toBeGreaterThan(notesAsked.indexOf(people[1]));
    expect(notesAsked.indexOf(people[2])).toBeGreaterThan(notesAsked.indexOf(people[1]));
    await user.keyboard('k');
    expect(await screen.findByText('Ran the Postgres migration at her last job')).toBeInTheDocument();
  });

  it('says a person’s history is still being read, rather than that there is none', async () => {
    const { people } = await seed();
    const prospect = (await db.prospects.get(people[0]!))!;
    render(<PersonView prospect={prospect} notes={undefined} earlierDecisions={undefined} members={new Map()} requisitions={new Map()} meId={undefined} now={0} />);
    expect(screen.getAllByText('Reading…')).toHaveLength(2);
    expect(screen.queryByText('No notes on this person yet.')).toBeNull();
    expect(screen.queryByText('No earlier reviews of this person.')).toBeNull();
  });

  it('approves with the ticked scorecard and the note, then moves to the next person', async () => {
    const { requestId, people } = await seed();
    const user = renderPage(requestId);
    await screen.findByTestId('review-person-name');
    await user.click(markButton('Go', 'Met'));
    expect(markButton('Go', 'Met')).toHaveAttribute('aria-pressed', 'true');
    // Number keys cycle an item: unset → met → missing.
    await user.keyboard('22');
    expect(markButton('Postgres', 'Missing')).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('3');
    expect(markButton('Kubernetes', 'Met')).toHaveAttribute('aria-pressed', 'true');
    await user.click(markButton('Kubernetes', 'Met'));
    expect(markButton('Kubernetes', 'Met')).toHaveAttribute('aria-pressed', 'false');

    await user.keyboard('n');
    const note = screen.getByTestId('review-note');
    expect(note).toHaveFocus();
    // Typing shortcut letters in the note types them; nothing moves or decides.
    await user.keyboard('Strong; ask about JK and AR? u');
    expect(note).toHaveValue('Strong; ask about JK and AR? u');
    expect(progress()).toHaveTextContent('1 of 3');
    expect(screen.queryByTestId('review-help')).toBeNull();
    await user.keyboard('{Escape}');
    expect(note).not.toHaveFocus();

    await user.keyboard('a');
    await waitFor(() => expect(name()).toHaveTextContent('Grace Hopper'));
    expect(progress()).toHaveTextContent('2 of 3');
    await waitFor(() => expect(screen.getByTestId('review-decided')).toHaveTextContent('1 decided'));
    expect(screen.getByTestId('review-note')).toHaveValue('');
    const [decision] = await decisionsForRequest(db, requestId);
    expect(decision).toMatchObject({ prospectId: people[0], verdict: 'approve', met: ['Go'], missing: ['Postgres'], note: 'Strong; ask about JK and AR? u' });
    const activity = await db.activities.get(decision!.activityId);
    expect(activity).toMatchObject({ kind: 'review_decision', prospectId: people[0] });

    // Going back shows the decision instead of the controls.
    await user.keyboard('k');
    expect(screen.getByTestId('review-decision')).toHaveAttribute('data-verdict', 'approve');
    expect(screen.getByTestId('review-decision')).toHaveTextContent('Meets: Go');
  });

  it('keeps a long decision note whole and says it is too long', async () => {
    const { requestId } = await seed();
    const user = renderPage(requestId);
    await screen.findByTestId('review-person-name');
    await user.click(screen.getByTestId('review-note'));
    await user.paste('ש'.repeat(2_600));
    expect(screen.getByTestId('review-note')).toHaveValue('ש'.repeat(2_600));
    expect(screen.getByTestId('review-note')).toHaveAccessibleDescription(expect.stringContaining('Too long to save: 5,200 bytes, at most 5,000 (200 over)'));
  });

  it('rejects with R, by button too, and skips people already decided', async () => {
    const { requestId, people } = await seed();
    const user = renderPage(requestId);
    await screen.findByTestId('review-person-name');
    await user.keyboard('j');
    await user.keyboard('r');
    await waitFor(() => expect(name()).toHaveTextContent('Edsger Dijkstra'));
    // The next undecided person after the last one is the first.
    await user.click(screen.getByTestId('review-reject'));
    await waitFor(() => expect(name()).toHaveTextContent('Ada Lovelace'));
    expect(progress()).toHaveTextContent('1 of 3');
    const decisions = await decisionsForRequest(db, requestId);
    expect(decisions.map((d) => [d.prospectId, d.verdict]).sort()).toEqual(
      [
        [people[1], 'reject'],
        [people[2], 'reject'],
      ].sort(),
    );
  });

  it('undoes the last decision with U: the person is undecided again, with what was ticked', async () => {
    const { requestId } = await seed();
    const user = renderPage(requestId);
    await screen.findByTestId('review-person-name');
    await user.keyboard('1');
    await user.keyboard('a');
    await waitFor(() => expect(progress()).toHaveTextContent('2 of 3'));
    await user.keyboard('u');
    await waitFor(() => expect(name()).toHaveTextContent('Ada Lovelace'));
    await waitFor(() => expect(screen.getByTestId('review-approve')).toHaveAttribute('aria-disabled', 'false'));
    await waitFor(() => expect(screen.queryByTestId('review-decision')).toBeNull());
    expect(markButton('Go', 'Met')).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(screen.getByTestId('review-decided')).toHaveTextContent('0 decided'));
    expect(await decisionsForRequest(db, requestId)).toEqual([]);
    expect((await db.activities.toArray()).filter((a) => a.kind === 'review_decision' && a.deletedAt === null)).toEqual([]);
    // Nothing left to undo from this page.
    await user.keyboard('u');
    expect(await screen.findByText(/Nothing to undo/)).toBeInTheDocument();
  });

  it('shows and hides the shortcut help with ? and Escape', async () => {
    const { requestId } = await seed();
    const user = renderPage(requestId);
    await screen.findByTestId('review-person-name');
    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(help).toHaveTextContent('Next person');
    expect(help).toHaveTextContent('Undo your last decision');
    // Shortcuts wait while the help is open.
    await user.keyboard('j');
    expect(progress()).toHaveTextContent('1 of 3');
    await user.keyboard('?');
    expect(screen.queryByTestId('review-help')).toBeNull();
    await user.keyboard('?');
    expect(screen.getByTestId('review-help')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('review-help')).toBeNull();
  });

  it('lists every shortcut of the table in the help, and the hinted ones under the page', async () => {
    const { requestId } = await seed();
    const user = renderPage(requestId);
    await screen.findByTestId('review-person-name');
    const hint = screen.getByTestId('review-hint');
    for (const s of REVIEW_SHORTCUTS.filter((x) => x.hint)) expect(hint).toHaveTextContent(`${keyLabels(s).join('')} ${s.hint}`);
    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getAllByRole('definition').map((d) => d.textContent)).toEqual(REVIEW_SHORTCUTS.map((s) => s.description));
  });

  it('says the review is complete with the result once everyone has a decision', async () => {
    const { requestId } = await seed();
    const user = renderPage(requestId);
    await screen.findByTestId('review-person-name');
    await user.keyboard('a');
    await waitFor(() => expect(progress()).toHaveTextContent('2 of 3'));
    await user.keyboard('r');
    await waitFor(() => expect(progress()).toHaveTextContent('3 of 3'));
    await user.keyboard('a');
    expect(await screen.findByTestId('review-complete')).toHaveTextContent('Review complete');
    await waitFor(() => expect(screen.getByTestId('review-result')).toHaveTextContent('2 approved, 1 rejected'));
    expect(screen.getByRole('link', { name: 'Back to your reviews' })).toHaveAttribute('href', 'review.html');
    await waitFor(async () => expect((await db.reviewRequests.get(requestId))?.status).toBe('completed'));
    // U on the summary brings the last person back, undecided; the request is open again.
    await user.keyboard('u');
    await waitFor(() => expect(name()).toHaveTextContent('Edsger Dijkstra'));
    await waitFor(async () => expect((await db.reviewRequests.get(requestId))?.status).toBe('open'));
  });

  it('completes live when the last decision is made elsewhere', async () => {
    const { requestId, people, hm } = await seed();
    const user = renderPage(requestId);
    await screen.findByTestId('review-person-name');
    await user.keyboard('a');
    await waitFor(() => expect(progress()).toHaveTextContent('2 of 3'));
    await user.keyboard('a');
    await waitFor(() => expect(name()).toHaveTextContent('Edsger Dijkstra'));
    // The hiring manager decides the last person in the sidebar (same database, another page).
    await mutate(db, reviewDecide, { requestId, prospectId: people[2]!, verdict: 'reject' }, hm);
    expect(await screen.findByTestId('review-complete')).toHaveTextContent('Review complete');
    expect(screen.getByTestId('review-result')).toHaveTextContent('2 approved, 1 rejected');
  });

  it('opens a completed review on its summary', async () => {
    const { requestId, people, hm } = await seed({ names: ['Ada Lovelace'] });
    await mutate(db, reviewDecide, { requestId, prospectId: people[0]!, verdict: 'reject', missing: ['Go'] }, hm);
    renderPage(requestId);
    expect(await screen.findByTestId('review-result')).toHaveTextContent('0 approved, 1 rejected');
  });
});

describe('review page states', () => {
  it('is read-only for a member the request is not addressed to', async () => {
    const { requestId, hm2, hm, people } = await seed();
    await mutate(db, reviewDecide, { requestId, prospectId: people[1]!, verdict: 'approve' }, hm);
    await signInAs(db, hm2);
    const user = renderPage(requestId);
    const view = await screen.findByTestId('review-not-mine');
    expect(view).toHaveTextContent('Hana Manager reviews this batch');
    expect(view).toHaveTextContent('Only Hana Manager can approve or reject');
    await waitFor(() => expect(within(view).getAllByRole('listitem').map((li) => li.getAttribute('data-verdict'))).toEqual(['none', 'approve', 'none']));
    expect(screen.queryByTestId('review-approve')).toBeNull();
    await user.keyboard('a');
    expect(await decisionsForRequest(db, requestId)).toHaveLength(1);
  });

  it('shows why a decision is refused: the request was reassigned', async () => {
    const { requestId, recruiter, hm2 } = await seed();
    await mutate(db, reviewReassign, { requestId, reviewerId: hm2.me.memberId }, recruiter);
    const user = renderPage(requestId);
    expect(await screen.findByTestId('review-status')).toHaveTextContent('This review was reassigned to Omar Other by Riley Recruiter');
    await user.keyboard('a');
    expect(await screen.findByRole('alert')).toHaveTextContent('this review was reassigned to another reviewer');
    expect(name()).toHaveTextContent('Ada Lovelace');
    expect(await decisionsForRequest(db, requestId)).toEqual([]);
    // Moving on clears the message.
    await user.keyboard('j');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says when the request is not on this device', async () => {
    await seed();
    renderPage(ulid());
    expect(await screen.findByTestId('review-unknown')).toHaveTextContent('No such review');
  });
});

describe('review list', () => {
  it('lists the requests waiting for me, most overdue first, with lateness', async () => {
    const { requisitionId, recruiter, hm } = await seed({ sentHoursAgo: 1 });
    // A second request, sent three days ago: 24 hours overdue on a 48-hour deadline.
    const { result: barbara } = await mutate(db, prospectUpsert, { identity: identity('barbara', { name: 'Barbara Liskov' }) }, recruiter);
    await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: [barbara!], activityIds: [ulid()], at: Date.now() - 72 * HOUR }, recruiter);
    renderPage(null);
    const items = await screen.findAllByTestId('review-inbox-item');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveAttribute('data-overdue', 'true');
    expect(items[0]).toHaveTextContent('Overdue by 1 day');
    expect(items[0]).toHaveTextContent('1 person');
    expect(items[1]).toHaveTextContent('Due in 2 days');
    expect(items[1]).toHaveTextContent('3 people');
    expect(within(items[1]!).getByRole('link', { name: 'Staff Platform Engineer' }).getAttribute('href')).toMatch(/^review\.html\?request=[0-9A-Z]{26}$/);
  });

  it('says when nothing is waiting', async () => {
    const { hm2 } = await seed();
    await signInAs(db, hm2);
    renderPage(null);
    expect(await screen.findByTestId('review-inbox-empty')).toHaveTextContent('Nothing is waiting for your review.');
  });
});
