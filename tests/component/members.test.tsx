/**
 * Issue 8, points 8–10 as members see them: only the team's members in pickers (not the
 * profile this device made before sign-in), invited members marked, validation errors that
 * take focus, and the "You" section after sign-in.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp } from '@/components/options/options-app';
import { RequisitionsApp } from '@/components/requisitions/requisitions-app';
import { SidebarApp, type SidebarConnection } from '@/components/sidebar/sidebar-app';
import { DbProvider } from '@/components/ui/db-context';
import { exportBackup } from '@/lib/backup/backup';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS, ensureMe, readMe } from '@/lib/db/local-state';
import { mutate } from '@/lib/db/mutate';
import { DEFAULT_STAGES, type Member, type Role } from '@/lib/model';
import { prospectUpsert, requisitionSave, reviewRequest } from '@/lib/mutations';
import { addToTray } from '@/lib/review/batch-tray';
import { refreshMe, signIn } from '@/lib/sync/account';
import { readSession } from '@/lib/sync/session';
import { arrived, freshDb, identity } from '../support/db';

const TEAM = 'team-acme';
let db: TandemDB;

function teammate(role: Role, name: string, patch: Partial<Member> = {}): Member {
  return { id: ulid(), teamId: TEAM, version: 1, deletedAt: null, name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@acme.example`, role, status: 'active', timeZone: null, ...patch };
}

/** Signs this device in to Acme through the real sign-in, against a server that answers with `me`. */
async function signInAs(me: Member) {
  const answer = () => Promise.resolve(Response.json({ token: 'tok', member: me, team: { id: TEAM, name: 'Acme' } }));
  await signIn(db, { serverUrl: 'https://tandem.acme.example', code: 'ABCD-EFGH', deviceName: 'test', fetch: answer });
}

/** A recruiter who used Tandem before signing in (so the device made its local profile), then signed in; the team arrives with the first pull. */
async function signedInAfterUsingIt() {
  await ensureMe(db);
  const riley = teammate('recruiter', 'Riley Recruiter');
  await signInAs(riley);
  const hana = teammate('hiring_manager', 'Hana Manager');
  const hugo = teammate('hiring_manager', 'Hugo Manager');
  const ivy = teammate('hiring_manager', 'Ivy Invited', { status: 'invited' });
  const rex = teammate('hiring_manager', 'Rex Revoked', { status: 'revoked' });
  const rob = teammate('recruiter', 'Rob Recruiter');
  await arrived(db, 'members', riley, hana, hugo, ivy, rex, rob);
  return { riley, hana, hugo, ivy, rex, rob };
}

const ctxOf = (m: Member) => ({ actor: { memberId: m.id, teamId: m.teamId, role: m.role } });

async function seedRequisition(by: Member, hiringManagerId: string) {
  const { result } = await mutate(db, requisitionSave, { title: 'Staff Platform Engineer', hiringManagerId, recruiterIds: [by.id], stages: DEFAULT_STAGES }, ctxOf(by));
  return result!;
}

function renderOptions() {
  render(
    <DbProvider db={db}>
      <OptionsApp />
    </DbProvider>,
  );
  return userEvent.setup();
}

function renderRequisitions(hash = '') {
  window.history.replaceState(null, '', `/requisitions.html${hash}`);
  render(
    <DbProvider db={db}>
      <RequisitionsApp />
    </DbProvider>,
  );
  return userEvent.setup();
}

/** Riley's review of one person for Hana's role, sent to `reviewer`, with its Reassign form open. */
async function reassigning(reviewer: (team: Awaited<ReturnType<typeof signedInAfterUsingIt>>) => Member) {
  const team = await signedInAfterUsingIt();
  const requisitionId = await seedRequisition(team.riley, team.hana.id);
  const { result: personId } = await mutate(db, prospectUpsert, { identity: identity() }, ctxOf(team.riley));
  await mutate(db, reviewRequest, { requisitionId, reviewerId: reviewer(team).id, prospectIds: [personId!], activityIds: [ulid()] }, ctxOf(team.riley));
  const user = renderRequisitions(`#${requisitionId}`);
  const card = await within(await screen.findByTestId('open-reviews')).findByTestId('review-request');
  await user.click(within(card).getByRole('button', { name: 'Reassign…' }));
  return { ...team, card, reviewer: within(card).getByLabelText('New reviewer') };
}

const optionTexts = (select: HTMLElement) => within(select).getAllByRole('option').map((o) => o.textContent);

beforeEach(() => {
  db = freshDb();
});

afterEach(() => {
  cleanup();
  db.close();
  window.history.replaceState(null, '', '/');
  vi.restoreAllMocks();
});

describe('only the team’s members (point 8)', () => {
  it('sign-in forgets the profile the device made before it, so it is in no export', async () => {
    const local = await ensureMe(db);
    expect(await db.members.get(local.memberId)).toBeDefined();
    await signInAs(teammate('recruiter', 'Riley Recruiter'));
    expect(await db.members.get(local.memberId)).toBeUndefined();
    const exported = await exportBackup(db);
    expect(JSON.stringify(exported)).not.toContain('New member');
  });

  it('a device that signed in before this fix drops that profile at its next sync', async () => {
    const local = await ensureMe(db);
    const riley = teammate('recruiter', 'Riley Recruiter');
    // As an earlier version left it: signed in, the local profile's member row still there.
    await arrived(db, 'members', riley);
    await db.local.bulkPut([
      { key: LOCAL_KEYS.me, value: { memberId: riley.id, teamId: TEAM, name: riley.name, email: riley.email, role: riley.role } },
      { key: LOCAL_KEYS.session, value: { serverUrl: 'https://t.example', token: 't', clientId: 'client-0001', memberId: riley.id, teamId: TEAM, teamName: 'Acme', deviceName: 'd', signedInAt: 0 } },
    ]);
    await refreshMe(db, (await readSession(db))!);
    expect(await db.members.get(local.memberId)).toBeUndefined();
    expect(await db.members.get(riley.id)).toBeDefined();
  });

  it('the hiring manager and recruiter pickers list the team: invited members marked, nobody revoked, no local profile', async () => {
    const local = await ensureMe(db);
    const { riley } = await signedInAfterUsingIt();
    // Even where the local profile's row is still on the device (an earlier version kept it).
    await arrived(db, 'members', { id: local.memberId, teamId: 'local', version: 0, deletedAt: null, name: 'New member', email: 'x@device.local', role: 'recruiter' });
    const user = renderRequisitions('#new');
    const manager = await screen.findByLabelText('Hiring manager');
    expect(optionTexts(manager)).toEqual(['Choose…', 'Hana Manager', 'Hugo Manager', 'Ivy Invited (invited)']);
    const recruiters = screen.getByRole('group', { name: 'Recruiters' });
    expect(within(recruiters).getAllByRole('checkbox').map((c) => c.closest('label')?.textContent)).toEqual(['Riley RecruiterRecruiter', 'Rob RecruiterRecruiter']);

    // An invited hiring manager can be chosen before they have signed in.
    await user.type(screen.getByLabelText('Title'), 'Staff Platform Engineer');
    await user.selectOptions(manager, 'Ivy Invited (invited)');
    await user.click(screen.getByRole('button', { name: 'Create requisition' }));
    await waitFor(async () => expect(await db.requisitions.count()).toBe(1));
    expect((await db.requisitions.toArray())[0]).toMatchObject({ hiringManagerId: (await db.members.filter((m) => m.name === 'Ivy Invited').first())!.id, recruiterIds: [riley.id] });
  });

  it('Reassign offers only the team and preselects nobody it would refuse', async () => {
    // Sent to Hugo, so the role's hiring manager (Hana) is the one offered first.
    const { hana, reviewer } = await reassigning((t) => t.hugo);
    expect(optionTexts(reviewer)).toEqual(['Hana Manager', 'Ivy Invited (invited)', 'Rob Recruiter (Recruiter)']);
    expect(reviewer).toHaveValue(hana.id);
  });

  it('Reassign without the role’s hiring manager to offer asks who, rather than picking someone', async () => {
    const { card, reviewer } = await reassigning((t) => t.hana);
    expect(reviewer).toHaveValue('');
    expect(optionTexts(reviewer)[0]).toBe('Choose the new reviewer');
    expect(within(card).getByRole('button', { name: 'Reassign' })).toBeDisabled();
  });

  it('the review batch’s reviewers are the team’s, invited members marked', async () => {
    await ensureMe(db);
    const { riley, hana } = await signedInAfterUsingIt();
    const requisitionId = await seedRequisition(riley, hana.id);
    const person = identity('ada', { name: 'Ada Lovelace' });
    const { result: personId } = await mutate(db, prospectUpsert, { identity: person }, ctxOf(riley));
    await addToTray(db, requisitionId, personId!);
    const connection: SidebarConnection = { phase: 'ready', state: { status: 'identified', url: person.url, at: 0, identity: person } };
    render(
      <DbProvider db={db}>
        <SidebarApp connection={connection} />
      </DbProvider>,
    );
    const tray = await screen.findByTestId('batch-tray');
    expect(optionTexts(within(tray).getByLabelText('Reviewer'))).toEqual([
      'Choose a reviewer',
      'Hana Manager (Hiring manager)',
      'Hugo Manager (Hiring manager)',
      'Ivy Invited (Hiring manager, invited)',
      'Rob Recruiter (Recruiter)',
    ]);
  });
});

describe('validation errors take focus (point 10)', () => {
  it('saving without a hiring manager moves focus to that picker, scrolls it into view and says why beside it', async () => {
    await signedInAfterUsingIt();
    const scrolled: Element[] = [];
    // (happy-dom hands the spy a wrapper of the element: compare by id.)
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this);
    });
    const user = renderRequisitions('#new');
    await user.type(await screen.findByLabelText('Title'), 'Staff Platform Engineer');
    await user.click(screen.getByRole('button', { name: 'Create requisition' }));
    const manager = screen.getByLabelText('Hiring manager');
    await waitFor(() => expect(manager).toHaveFocus());
    expect(manager).toHaveAttribute('aria-invalid', 'true');
    expect(manager).toHaveAccessibleDescription('Choose the hiring manager.');
    expect(scrolled.map((e) => e.id)).toContain(manager.id);
    expect(await db.requisitions.count()).toBe(0);
  });

  it('an empty title and an empty deadline each take focus in turn', async () => {
    const { hana } = await signedInAfterUsingIt();
    const user = renderRequisitions('#new');
    await user.selectOptions(await screen.findByLabelText('Hiring manager'), hana.id);
    await user.click(screen.getByRole('button', { name: 'Create requisition' }));
    const title = screen.getByLabelText('Title');
    await waitFor(() => expect(title).toHaveFocus());
    expect(title).toHaveAccessibleDescription('Enter a title.');

    await user.type(title, 'Staff Platform Engineer');
    await user.clear(screen.getByLabelText('Feedback deadline (hours)'));
    await user.click(screen.getByRole('button', { name: 'Create requisition' }));
    const sla = screen.getByLabelText('Feedback deadline (hours)');
    await waitFor(() => expect(sla).toHaveFocus());
    expect(sla).toHaveAccessibleDescription(/Enter the feedback deadline in hours\./);
    expect(title).not.toHaveAttribute('aria-invalid');
  });

  it('a refusal the form cannot place on a field takes focus itself', async () => {
    const { hana } = await signedInAfterUsingIt();
    const user = renderRequisitions('#new');
    await user.selectOptions(await screen.findByLabelText('Hiring manager'), hana.id);
    await user.type(screen.getByLabelText('Title'), 'Staff Platform Engineer');
    const stages = screen.getByTestId('stages');
    for (const remove of within(stages).getAllByRole('button', { name: /^Remove/ })) await user.click(remove);
    await user.click(screen.getByRole('button', { name: 'Create requisition' }));
    const error = await screen.findByTestId('requisition-error');
    expect(error).toHaveTextContent('a requisition needs at least one stage');
    await waitFor(() => expect(error).toHaveFocus());
  });

  it('the You section puts focus on an empty name', async () => {
    const me = teammate('sourcer', 'Sam Sourcer');
    await signInAs(me);
    await arrived(db, 'members', me);
    const user = renderOptions();
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.click(screen.getByTestId('profile-save'));
    await waitFor(() => expect(name).toHaveFocus());
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/name is required/);
  });
});

describe('errors in view (point 10)', () => {
  it('a refusal shown under a form is scrolled into view, focus staying in the form', async () => {
    const scrolled: string[] = [];
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this.textContent ?? '');
    });
    const { card, reviewer, hugo } = await reassigning((t) => t.hana);
    const user = userEvent.setup();
    await user.selectOptions(reviewer, 'Hugo Manager');
    // Hugo leaves the team (a sync arrives) before the form is sent.
    await arrived(db, 'members', { ...hugo, deletedAt: Date.now(), version: 2 });
    await user.click(within(card).getByRole('button', { name: 'Reassign' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent('no such member in the team');
    await waitFor(() => expect(scrolled).toContain('no such member in the team'));
    expect(card).toContainElement(document.activeElement as HTMLElement);
  });
});

describe('your name and time zone, signed in (point 9)', () => {
  it('are in Options after sign-in; saving sends them to the team and the page says who you are', async () => {
    const me = teammate('sourcer', 'Sam Sourcer');
    await signInAs(me);
    await arrived(db, 'members', me);
    const user = renderOptions();
    const you = await screen.findByRole('group', { name: 'You' });
    const name = within(you).getByLabelText('Name');
    expect(name).toHaveValue('Sam Sourcer');
    // The role is the admin's to change: shown, not editable.
    expect(within(you).queryByRole('combobox', { name: 'Role' })).toBeNull();
    expect(you).toHaveTextContent('Sourcer');
    await user.clear(name);
    await user.type(name, 'Samira Quist');
    await user.selectOptions(within(you).getByLabelText('Time zone'), 'Europe/Stockholm');
    await user.click(within(you).getByTestId('profile-save'));
    expect(await within(you).findByText('Saved. Your team sees it at the next sync.')).toBeInTheDocument();

    expect(await db.members.get(me.id)).toMatchObject({ name: 'Samira Quist', timeZone: 'Europe/Stockholm', role: 'sourcer' });
    expect((await db.outbox.toArray()).map((o) => [o.name, o.teamId, o.args])).toEqual([['member.update', TEAM, { memberId: me.id, name: 'Samira Quist', timeZone: 'Europe/Stockholm' }]]);
    await waitFor(async () => expect((await readMe(db))?.name).toBe('Samira Quist'));
    expect(screen.getByTestId('signed-in-as')).toHaveTextContent('Signed in as Samira Quist (Sourcer) to Acme');
    // The reminders follow it: the Reminders section no longer keeps a zone of its own.
    expect(screen.queryByLabelText('Time zone for reminders')).toBeNull();
    expect(screen.getByRole('group', { name: 'Reminders' })).toHaveTextContent('in your time zone (Europe/Stockholm, set under You)');
  });

  it('a time zone chosen before sign-in becomes the member’s own, in one place', async () => {
    const user = renderOptions();
    const you = await screen.findByRole('group', { name: 'You' });
    await user.selectOptions(within(you).getByLabelText('Time zone'), 'America/New_York');
    await user.click(within(you).getByTestId('profile-save'));
    await within(you).findByText('Saved.');
    cleanup();

    const me = teammate('hiring_manager', 'Hana Manager');
    await signInAs(me);
    expect(await db.members.get(me.id)).toMatchObject({ timeZone: 'America/New_York' });
    expect((await db.outbox.toArray()).map((o) => [o.name, o.args])).toEqual([['member.update', { memberId: me.id, timeZone: 'America/New_York' }]]);
  });
});
