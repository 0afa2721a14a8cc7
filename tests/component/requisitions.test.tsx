import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequisitionsApp } from '@/components/requisitions/requisitions-app';
import { DbProvider } from '@/components/ui/db-context';
import type { TandemDB } from '@/lib/db/database';
import { DEFAULT_STAGES, type Role } from '@/lib/model';
import { prospectUpsert, requisitionSave, reviewDecide, reviewRequest } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';
import { LOCAL_KEYS } from '@/lib/db/local-state';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let db: TandemDB;
type Ctx = ReturnType<typeof member>;

async function addMember(role: Role, name: string): Promise<Ctx> {
  const ctx = member(role, name);
  await arrived(db, 'members', { id: ctx.me.memberId, teamId: 'local', version: 0, deletedAt: null, name, email: `${ctx.me.memberId.toLowerCase()}@example.com`, role });
  return ctx;
}

/** A team: two recruiters, two hiring managers, a sourcer and an admin. */
async function team() {
  const riley = await addMember('recruiter', 'Riley Recruiter');
  const rob = await addMember('recruiter', 'Rob Recruiter');
  const hana = await addMember('hiring_manager', 'Hana Manager');
  const hugo = await addMember('hiring_manager', 'Hugo Manager');
  const sam = await addMember('sourcer', 'Sam Sourcer');
  const ada = await addMember('admin', 'Ada Admin');
  return { riley, rob, hana, hugo, sam, ada };
}

async function seedRequisition(by: Ctx, hiringManagerId: string, patch: Record<string, unknown> = {}) {
  const { result } = await mutate(
    db,
    requisitionSave,
    {
      title: 'Senior Backend Engineer',
      hiringManagerId,
      recruiterIds: [by.me.memberId],
      mustHaves: ['Postgres', 'Go'],
      niceToHaves: ['Kubernetes'],
      targetHires: 2,
      targetDate: Date.UTC(2025, 10, 28),
      stages: ['Sourced', 'Screen', 'Onsite'],
      ...patch,
    },
    by,
  );
  return result!;
}

async function seedPeople(by: Ctx, names: string[]) {
  const ids: string[] = [];
  for (const name of names) {
    const slug = name.toLowerCase().replace(/\s+/g, '-');
    const { result } = await mutate(db, prospectUpsert, { identity: identity(slug, { name }) }, by);
    ids.push(result!);
  }
  return ids;
}

/** A request sent three days ago with a 48-hour deadline: overdue by a day. */
async function seedOverdueRequest(by: Ctx, requisitionId: string, reviewer: Ctx, people: string[]) {
  const { result } = await mutate(db, reviewRequest, { requisitionId, reviewerId: reviewer.me.memberId, prospectIds: people, activityIds: people.map(() => ulid()), message: 'Calibration round', at: Date.now() - 3 * DAY }, by);
  return result!;
}

function renderPage(hash = '') {
  window.history.replaceState(null, '', `/requisitions.html${hash}`);
  const user = userEvent.setup();
  render(
    <DbProvider db={db}>
      <RequisitionsApp />
    </DbProvider>,
  );
  return user;
}

beforeEach(() => {
  db = freshDb();
});

afterEach(() => {
  db.close();
  window.history.replaceState(null, '', '/');
});

describe('creating a requisition', () => {
  it('starts from sensible defaults and saves the whole intake', async () => {
    const { riley, rob, hana } = await team();
    await signInAs(db, riley);
    const user = renderPage();

    await user.click(await screen.findByRole('button', { name: 'New requisition' }));
    const title = await screen.findByLabelText('Title');
    expect(title).toHaveFocus();
    expect(screen.getByLabelText('Feedback deadline (hours)')).toHaveValue(48);
    expect(screen.getByLabelText('Target hires')).toHaveValue(1);
    expect(screen.getByLabelText('Status')).toHaveValue('open');
    // Hiring managers come first, then admins (nobody else may be one); with two, nobody is picked for you.
    const manager = screen.getByLabelText('Hiring manager');
    expect(manager).toHaveValue('');
    expect(within(manager).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose…', 'Hana Manager', 'Hugo Manager', 'Ada Admin (Admin)']);
    const recruiters = screen.getByRole('group', { name: 'Recruiters' });
    expect(within(recruiters).getByRole('checkbox', { name: /Riley Recruiter/ })).toBeChecked();
    expect(within(recruiters).getAllByRole('checkbox').map((c) => c.closest('label')?.textContent)).toEqual(['Riley RecruiterRecruiter', 'Rob RecruiterRecruiter', 'Ada AdminAdmin']);
    const stages = screen.getByTestId('stages');
    expect(within(stages).getAllByRole('textbox').slice(0, -1).map((i) => (i as HTMLInputElement).value)).toEqual(DEFAULT_STAGES);

    await user.type(title, 'Senior Backend Engineer');
    await user.selectOptions(manager, 'Hana Manager');
    await user.click(within(recruiters).getByRole('checkbox', { name: /Rob Recruiter/ }));

    const must = screen.getByTestId('must-haves');
    await user.type(within(must).getByLabelText('Add a must-have'), 'Postgres{Enter}');
    await user.type(within(must).getByLabelText('Add a must-have'), 'Go{Enter}');
    expect(within(must).getByLabelText('Add a must-have')).toHaveFocus();
    // Reorder by keyboard: focus stays with the item that moved.
    within(must).getByRole('button', { name: 'Move “Go” up' }).focus();
    await user.keyboard('{Enter}');
    expect(within(must).getByRole('button', { name: 'Move “Go” down' })).toHaveFocus();
    expect(within(must).getByLabelText('Must-have 1 of 2')).toHaveValue('Go');

    const nice = screen.getByTestId('nice-to-haves');
    await user.type(within(nice).getByLabelText('Add a nice-to-have'), 'Kubernetes');
    await user.click(within(nice).getByRole('button', { name: 'Add' }));
    await user.type(within(nice).getByLabelText('Add a nice-to-have'), 'kubernetes{Enter}');
    expect(within(nice).getByText('“kubernetes” is already in the list.')).toBeInTheDocument();

    await user.click(within(stages).getByRole('button', { name: 'Remove “Onsite”' }));
    expect(within(stages).getByLabelText('Stage 6 of 7')).toHaveFocus(); // the next stage, "Offer"

    const sla = screen.getByLabelText('Feedback deadline (hours)');
    await user.clear(sla);
    await user.type(sla, '24');
    const hires = screen.getByLabelText('Target hires');
    await user.clear(hires);
    await user.type(hires, '2');
    await user.type(screen.getByLabelText('Target date'), '2025-11-28');

    await user.click(screen.getByRole('button', { name: 'Create requisition' }));

    const heading = await screen.findByRole('heading', { level: 2, name: 'Senior Backend Engineer' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByText('Requisition created.')).toBeInTheDocument();
    const [saved] = await db.requisitions.toArray();
    expect(saved).toMatchObject({
      title: 'Senior Backend Engineer',
      hiringManagerId: hana.me.memberId,
      recruiterIds: [riley.me.memberId, rob.me.memberId],
      mustHaves: ['Go', 'Postgres'],
      niceToHaves: ['Kubernetes'],
      feedbackSlaHours: 24,
      targetHires: 2,
      targetDate: Date.UTC(2025, 10, 28),
      stages: DEFAULT_STAGES.filter((s) => s !== 'Onsite'),
      status: 'open',
    });
    expect(window.location.hash).toBe(`#${saved!.id}`);
    expect((await db.outbox.toArray()).map((o) => o.name)).toEqual(['requisition.save']);
    expect(within(screen.getByTestId('requisition-list')).getByRole('link', { name: /Senior Backend Engineer/ })).toHaveAttribute('aria-current', 'page');
  });

  it('shows why a save is refused and keeps the draft', async () => {
    const { riley } = await team();
    await signInAs(db, riley);
    const user = renderPage('#new');
    await user.selectOptions(await screen.findByLabelText('Hiring manager'), 'Hana Manager');
    await user.click(screen.getByRole('button', { name: 'Create requisition' }));
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('Enter a title.'));
    await user.type(screen.getByLabelText('Title'), 'Senior Backend Engineer');

    const must = screen.getByTestId('must-haves');
    await user.type(within(must).getByLabelText('Add a must-have'), 'Postgres{Enter}');
    const sla = screen.getByLabelText('Feedback deadline (hours)');
    await user.clear(sla);
    await user.click(screen.getByRole('button', { name: 'Create requisition' }));
    await waitFor(() => expect(sla).toHaveAccessibleDescription(/^Enter the feedback deadline in hours\./));
    expect(within(must).getByLabelText('Must-have 1 of 1')).toHaveValue('Postgres');
    expect(await db.requisitions.count()).toBe(0);
  });

  it('offers no New requisition to a sourcer or a hiring manager', async () => {
    const { sam } = await team();
    await signInAs(db, sam);
    renderPage('#new');
    expect(await screen.findByText('Only recruiters and admins open requisitions.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New requisition' })).toBeNull();
  });
});

describe('editing the intake', () => {
  it('lets the hiring manager of the role edit its scorecard', async () => {
    const { riley, hana } = await team();
    const id = await seedRequisition(riley, hana.me.memberId);
    await signInAs(db, hana);
    const user = renderPage(`#${id}`);

    await user.click(await screen.findByRole('button', { name: 'Edit intake' }));
    expect(window.location.hash).toBe(`#${id}/edit`);
    const must = screen.getByTestId('must-haves');
    expect(within(must).getByLabelText('Must-have 1 of 2')).toHaveValue('Postgres');
    await user.type(within(must).getByLabelText('Add a must-have'), 'On-call experience{Enter}');
    // Alt+↑ in an entry moves it too.
    await user.click(within(must).getByLabelText('Must-have 3 of 3'));
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(within(must).getByLabelText('Must-have 2 of 3')).toHaveValue('On-call experience');
    expect(within(must).getByLabelText('Must-have 2 of 3')).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes saved.')).toBeInTheDocument();
    // The page shows the saved row once the live query has it (a moment after the message).
    await waitFor(() => expect(within(screen.getByTestId('scorecard-must')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Postgres', 'On-call experience', 'Go']));
    expect((await db.requisitions.get(id))?.mustHaves).toEqual(['Postgres', 'On-call experience', 'Go']);
  });

  it('leaves who works on the role to recruiters and admins when the hiring manager edits', async () => {
    const { riley, hana } = await team();
    const id = await seedRequisition(riley, hana.me.memberId);
    await signInAs(db, hana);
    renderPage(`#${id}/edit`);
    const people = await screen.findByRole('group', { name: 'People' });
    expect(people).toBeDisabled();
    expect(people).toHaveAccessibleDescription('Recruiters and admins choose who works on this role.');
    expect(screen.getByLabelText('Hiring manager')).toBeDisabled();
    expect(screen.getByLabelText('Title')).toBeEnabled();
  });

  it('shows a sourcer, and a hiring manager of another role, the intake read-only', async () => {
    const { riley, hana, hugo, sam } = await team();
    const id = await seedRequisition(riley, hana.me.memberId);
    for (const reader of [sam, hugo]) {
      await signInAs(db, reader);
      renderPage(`#${id}/edit`);
      expect(await screen.findByRole('heading', { level: 2, name: 'Senior Backend Engineer' })).toBeInTheDocument();
      expect(screen.getByText(/Read only/)).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Edit intake' })).toBeNull();
      expect(screen.queryByTestId('requisition-editor')).toBeNull();
      expect(within(screen.getByTestId('scorecard-must')).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Postgres', 'Go']);
      expect(screen.getByTestId('intake-manager')).toHaveTextContent('Hana Manager');
      cleanup();
    }
  });
});

describe('the list and deep links', () => {
  it('lists open requisitions first and opens the one in the URL', async () => {
    const { riley, hana } = await team();
    await seedRequisition(riley, hana.me.memberId, { title: 'Android Engineer', status: 'closed' });
    await seedRequisition(riley, hana.me.memberId, { title: 'Data Engineer', status: 'on_hold' });
    const wanted = await seedRequisition(riley, hana.me.memberId, { title: 'Zeta Designer' });
    await signInAs(db, riley);
    const user = renderPage(`#${wanted}`);
    expect(await screen.findByRole('heading', { level: 2, name: 'Zeta Designer' })).toBeInTheDocument();
    const links = within(screen.getByTestId('requisition-list')).getAllByRole('link');
    expect(links.map((l) => l.querySelector('.requisition-list-title')?.textContent)).toEqual(['Zeta Designer', 'Data Engineer', 'Android Engineer']);

    await user.click(links[1]!);
    const heading = await screen.findByRole('heading', { level: 2, name: 'Data Engineer' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(links[1]).toHaveAttribute('aria-current', 'page');
  });

  it('says when the linked requisition is not on this device, and Cancel on a new one goes back', async () => {
    const { riley } = await team();
    await signInAs(db, riley);
    const user = renderPage(`#${ulid()}`);
    expect(await screen.findByRole('heading', { level: 2, name: 'Requisition not found' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New requisition' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    const empty = await screen.findByRole('heading', { level: 2, name: 'No requisitions yet' });
    await waitFor(() => expect(empty).toHaveFocus());
    expect(window.location.hash).toBe('');
  });
});

describe('review requests', () => {
  async function calibration() {
    const t = await team();
    const requisitionId = await seedRequisition(t.riley, t.hana.me.memberId, { recruiterIds: [t.riley.me.memberId, t.rob.me.memberId] });
    const people = await seedPeople(t.riley, ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra']);
    // An earlier round, finished (before the next one, which has the same person in it again).
    const earlier = await mutate(
      db,
      reviewRequest,
      { requisitionId, reviewerId: t.hana.me.memberId, prospectIds: [people[3]!], activityIds: [ulid()], at: Date.now() - 10 * DAY },
      t.riley,
    );
    await mutate(db, reviewDecide, { requestId: earlier.result!, prospectId: people[3]!, verdict: 'approve', at: Date.now() - 9 * DAY }, t.hana);
    const requestId = await seedOverdueRequest(t.riley, requisitionId, t.hana, people);
    const at = Date.now() - 2 * DAY;
    await mutate(db, reviewDecide, { requestId, prospectId: people[0]!, verdict: 'reject', missing: ['Postgres'], note: 'No database work', at }, t.hana);
    await mutate(db, reviewDecide, { requestId, prospectId: people[1]!, verdict: 'reject', missing: ['Go', 'Postgres'], at }, t.hana);
    await mutate(db, reviewDecide, { requestId, prospectId: people[2]!, verdict: 'approve', met: ['Postgres', 'Go'], note: 'Strong', at }, t.hana);
    return { ...t, requisitionId, requestId, people };
  }

  it('shows progress, result, lateness and the list count', async () => {
    const { riley, requisitionId } = await calibration();
    await signInAs(db, riley);
    renderPage(`#${requisitionId}`);

    const open = await screen.findByTestId('open-reviews');
    const card = await within(open).findByTestId('review-request');
    expect(card).toHaveAttribute('data-status', 'overdue');
    expect(within(card).getByRole('heading', { name: 'Review by Hana Manager' })).toBeInTheDocument();
    await waitFor(() => expect(within(card).getByTestId('request-progress')).toHaveTextContent('3 of 4 decided'));
    expect(within(card).getByTestId('request-result')).toHaveTextContent('1 approved, 2 rejected; most given reason: Postgres');
    expect(within(card).getByTestId('request-lateness')).toHaveTextContent('Overdue by 1 day');
    expect(within(card).getByText('Calibration round')).toBeInTheDocument();

    const past = screen.getByTestId('past-reviews');
    const done = within(past).getByTestId('review-request');
    expect(done).toHaveAttribute('data-status', 'completed');
    await waitFor(() => expect(within(done).getByTestId('request-result')).toHaveTextContent('1 approved, 0 rejected'));
    expect(within(done).queryByTestId('request-lateness')).toBeNull();
    expect(within(done).queryByRole('button', { name: 'Nudge' })).toBeNull();

    expect(within(screen.getByTestId('requisition-list')).getByText('1 open review, 1 overdue')).toBeInTheDocument();
  });

  it('nudges, reassigns and withdraws, moving focus sensibly', async () => {
    const { riley, hugo, requestId, requisitionId } = await calibration();
    await signInAs(db, riley);
    const user = renderPage(`#${requisitionId}`);
    const card = await within(await screen.findByTestId('open-reviews')).findByTestId('review-request');

    await user.click(within(card).getByRole('button', { name: 'Nudge' }));
    expect(await within(card).findByText((_, el) => el?.getAttribute('role') === 'status' && el.textContent === 'Nudged Hana Manager: they get a reminder now.')).toBeInTheDocument();
    expect(await within(card).findByTestId('request-history')).toHaveTextContent(/Nudged by Riley Recruiter just now/);
    expect((await db.reviewRequests.get(requestId))?.history).toMatchObject([{ kind: 'nudged', by: riley.me.memberId }]);

    await user.click(within(card).getByRole('button', { name: 'Reassign…' }));
    const reviewer = within(card).getByLabelText('New reviewer');
    expect(reviewer).toHaveFocus();
    // Neither the current reviewer nor the requester (Riley) is offered.
    // The role's hiring manager is the current reviewer, so nobody is picked for the requester.
    expect(within(reviewer).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose the new reviewer', 'Hugo Manager', 'Ada Admin (Admin)', 'Rob Recruiter (Recruiter)', 'Sam Sourcer (Sourcer)']);
    await user.keyboard('{Escape}');
    expect(within(card).queryByLabelText('New reviewer')).toBeNull();
    expect(within(card).getByRole('button', { name: 'Reassign…' })).toHaveFocus();

    await user.click(within(card).getByRole('button', { name: 'Reassign…' }));
    await user.selectOptions(within(card).getByLabelText('New reviewer'), 'Hugo Manager');
    await user.type(within(card).getByLabelText('Message to the new reviewer (optional)'), 'Hana is away this week');
    await user.click(within(card).getByRole('button', { name: 'Reassign' }));

    const newHeading = await screen.findByRole('heading', { name: 'Review by Hugo Manager' });
    await waitFor(() => expect(newHeading).toHaveFocus());
    const old = await db.reviewRequests.get(requestId);
    expect(old).toMatchObject({ status: 'reassigned' });
    const fresh = await db.reviewRequests.get(old!.history.at(-1)!.requestId!);
    expect(fresh).toMatchObject({ status: 'open', reviewerId: hugo.me.memberId, message: 'Hana is away this week' });
    expect(fresh?.prospectIds).toHaveLength(1);
    const past = screen.getByTestId('past-reviews');
    await waitFor(() => expect(within(past).getAllByTestId('review-request').map((c) => c.getAttribute('data-status'))).toContain('reassigned'));
    expect(within(past).getAllByTestId('request-history').map((h) => h.textContent)).toContainEqual(expect.stringMatching(/Reassigned to Hugo Manager by Riley Recruiter/));

    const newCard = newHeading.closest('li')!;
    expect(within(newCard).getByTestId('request-progress')).toHaveTextContent('0 of 1 decided');
    await user.click(within(newCard).getByRole('button', { name: 'Withdraw' }));
    expect(within(newCard).getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await user.click(within(newCard).getByRole('button', { name: 'Withdraw review' }));
    await waitFor(async () => expect((await db.reviewRequests.get(fresh!.id))?.status).toBe('cancelled'));
    const withdrawnHeading = await within(screen.getByTestId('past-reviews')).findByRole('heading', { name: 'Review by Hugo Manager' });
    await waitFor(() => expect(withdrawnHeading).toHaveFocus());
    expect(within(withdrawnHeading.closest('li')!).getByTestId('request-history')).toHaveTextContent(/Withdrawn by Riley Recruiter/);
    expect(within(screen.getByTestId('open-reviews')).queryAllByTestId('review-request')).toHaveLength(0);
  });

  it('keeps a long reassignment message whole and says it is too long', async () => {
    const { riley, requisitionId } = await calibration();
    await signInAs(db, riley);
    const user = renderPage(`#${requisitionId}`);
    const card = await within(await screen.findByTestId('open-reviews')).findByTestId('review-request');
    await user.click(within(card).getByRole('button', { name: 'Reassign…' }));
    const message = within(card).getByLabelText('Message to the new reviewer (optional)');
    await user.click(message);
    await user.paste('x'.repeat(5_001));
    expect(message).toHaveValue('x'.repeat(5_001));
    expect(message).toHaveAccessibleDescription(expect.stringContaining('Too long to save: 5,001 bytes, at most 5,000 (1 over)'));
    expect(within(card).getByRole('button', { name: 'Reassign' })).toBeDisabled();
  });

  it('shows each member only the actions rules.ts allows', async () => {
    const { rob, sam, ada, hana, requisitionId } = await calibration();
    const buttons = async (who: Ctx) => {
      await signInAs(db, who);
      renderPage(`#${requisitionId}`);
      const card = await within(await screen.findByTestId('open-reviews')).findByTestId('review-request');
      const names = within(card)
        .getAllByRole('button')
        .map((b) => b.textContent);
      cleanup();
      return names;
    };
    // A recruiter of the role may chase, but only the requester or an admin hands it on or withdraws it.
    expect(await buttons(rob)).toEqual(['Nudge', 'Copy result']);
    expect(await buttons(sam)).toEqual(['Copy result']);
    expect(await buttons(hana)).toEqual(['Copy result']);
    expect(await buttons(ada)).toEqual(['Nudge', 'Reassign…', 'Withdraw', 'Copy result']);
  });

  it('withdraws the mailed link from the card through the team server, with the device token', async () => {
    const { riley, hana, requestId, requisitionId } = await calibration();
    await signInAs(db, riley);
    const calls: { url: string; auth: string | null; body: unknown }[] = [];
    const answers = [{ status: 200, body: { revoked: 1 } }, { status: 200, body: { revoked: 0 } }, { status: 403, body: { error: 'only the requester, the role’s recruiters and admins can withdraw a review link' } }];
    const fetchStub = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      calls.push({ url: input as string, auth: new Headers(init?.headers).get('authorization'), body: JSON.parse(init?.body as string) as unknown });
      const answer = answers.shift()!;
      return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } }));
    });
    try {
      // Not signed in to a team server: no mailed link to withdraw.
      let user = renderPage(`#${requisitionId}`);
      let card = await within(await screen.findByTestId('open-reviews')).findByTestId('review-request');
      expect(within(card).queryByRole('button', { name: 'Withdraw mailed link' })).toBeNull();
      cleanup();

      await db.local.put({
        key: LOCAL_KEYS.session,
        value: { serverUrl: 'https://tandem.acme.example', token: 'device-token', clientId: `client-${ulid()}`, memberId: riley.me.memberId, teamId: riley.me.teamId, teamName: 'Acme', deviceName: 'Browser', signedInAt: 1 },
      });
      user = renderPage(`#${requisitionId}`);
      card = await within(await screen.findByTestId('open-reviews')).findByTestId('review-request');
      const button = await within(card).findByRole('button', { name: 'Withdraw mailed link' });
      expect(button).toHaveAccessibleDescription('Review by Hana Manager');
      await user.click(button);
      expect(await within(card).findByText('Withdrew the mailed link: it no longer opens this review, and no mail carries it again.')).toBeInTheDocument();
      expect(calls).toEqual([{ url: 'https://tandem.acme.example/v1/review-links/revoke', auth: 'Bearer device-token', body: { requestId } }]);
      await user.click(button);
      expect(await within(card).findByText('The mailed link was already withdrawn.')).toBeInTheDocument();
      // The server's refusal is shown in its words.
      await user.click(button);
      expect(await within(card).findByRole('alert')).toHaveTextContent('only the requester, the role’s recruiters and admins can withdraw a review link');
      // The request itself stays open: only its link went.
      expect((await db.reviewRequests.get(requestId))?.status).toBe('open');
      expect(hana.me.memberId).toBe((await db.reviewRequests.get(requestId))?.reviewerId);
    } finally {
      fetchStub.mockRestore();
    }
  });

  it('shows the reason when a write is refused', async () => {
    const { riley, hugo, requestId, requisitionId } = await calibration();
    await signInAs(db, riley);
    const user = renderPage(`#${requisitionId}`);
    const card = await within(await screen.findByTestId('open-reviews')).findByTestId('review-request');
    await user.click(within(card).getByRole('button', { name: 'Reassign…' }));
    const select = within(card).getByLabelText('New reviewer');
    await user.selectOptions(select, 'Hugo Manager');
    // Hugo leaves the team (a sync arrives) while the form is open.
    await arrived(db, 'members', { ...(await db.members.get(hugo.me.memberId))!, deletedAt: Date.now() });
    await waitFor(() => expect(within(select).queryByRole('option', { name: 'Hugo Manager' })).toBeNull());
    await user.click(within(card).getByRole('button', { name: 'Reassign' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent('no such member in the team');
    expect((await db.reviewRequests.get(requestId))?.status).toBe('open');
    expect(within(card).getByLabelText('New reviewer')).toBeInTheDocument();
  });
});

describe('copying', () => {
  it('copies the intake summary and a request result as plain text', async () => {
    const t = await team();
    const requisitionId = await seedRequisition(t.riley, t.hana.me.memberId, { recruiterIds: [t.riley.me.memberId, t.rob.me.memberId] });
    const people = await seedPeople(t.riley, ['Ada Lovelace', 'Alan Turing']);
    const requestId = await seedOverdueRequest(t.riley, requisitionId, t.hana, people);
    await mutate(db, reviewDecide, { requestId, prospectId: people[0]!, verdict: 'reject', missing: ['Postgres'], note: 'No database\nwork' }, t.hana);
    await signInAs(db, t.riley);
    const user = renderPage(`#${requisitionId}`);
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');

    await user.click(await screen.findByRole('button', { name: 'Copy intake summary' }));
    expect(writeText).toHaveBeenLastCalledWith(
      [
        'Intake: Senior Backend Engineer',
        'Status: Open',
        'Hiring manager: Hana Manager',
        'Recruiters: Riley Recruiter, Rob Recruiter',
        '',
        'Must-haves:',
        '1. Postgres',
        '2. Go',
        '',
        'Nice-to-haves:',
        '1. Kubernetes',
        '',
        'Feedback deadline: 48 hours after a review request is sent',
        'Target: 2 hires by 28 Nov 2025',
        'Stages: Sourced → Screen → Onsite',
      ].join('\n'),
    );
    expect(await screen.findByText('Copied')).toBeInTheDocument();

    const card = await within(screen.getByTestId('open-reviews')).findByTestId('review-request');
    await waitFor(() => expect(within(card).getByTestId('request-progress')).toHaveTextContent('1 of 2 decided'));
    await user.click(within(card).getByRole('button', { name: 'Copy result' }));
    const text = writeText.mock.lastCall![0];
    expect(text).toMatch(/^Senior Backend Engineer: review by Hana Manager\nSent .+ by Riley Recruiter; due .+\nStatus: overdue by 1 day\n1 of 2 decided: 0 approved, 1 rejected; most given reason: Postgres\n/);
    expect(text).toContain('\nRejected:\n- Ada Lovelace (missing: Postgres). Note: “No database work”\n');
    expect(text).toContain('\nWaiting for a decision:\n- Alan Turing');
    expect(await within(card).findByText('Copied')).toBeInTheDocument();
  });

  it('says so when the clipboard refuses', async () => {
    const { riley, hana } = await team();
    const id = await seedRequisition(riley, hana.me.memberId);
    await signInAs(db, riley);
    const user = renderPage(`#${id}`);
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    await user.click(await screen.findByRole('button', { name: 'Copy intake summary' }));
    expect(await screen.findByText('Could not copy; select the text instead')).toBeInTheDocument();
  });
});
