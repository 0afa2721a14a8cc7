import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { OptionsApp } from '@/components/options/options-app';
import { PopupApp } from '@/components/popup/popup-app';
import type { ActiveTab } from '@/components/popup/use-active-tab';
import { RequisitionsApp } from '@/components/requisitions/requisitions-app';
import { ReviewApp } from '@/components/review/review-app';
import { SidebarApp } from '@/components/sidebar/sidebar-app';
import { DbProvider } from '@/components/ui/db-context';
import { useUndo } from '@/components/ui/undo-store';
import { FLEETING_MS } from '@/components/ui/use-fleeting';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import type { ProspectIdentity } from '@/lib/model';
import { noteAdd, prospectSetDoNotContact, prospectUpsert, requisitionSave, reviewDecide, reviewRequest } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { INITIAL_SYNC_STATE } from '@/lib/sync/session';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';

const HOUR = 3_600_000;
let db: TandemDB;

afterEach(() => {
  vi.useRealTimers();
  useUndo.getState().dismiss();
  vi.unstubAllGlobals();
  db?.close();
  window.history.replaceState(null, '', '/');
});

const page = (ui: React.ReactNode) => render(<DbProvider db={db}>{ui}</DbProvider>);
const onProfile = (who: ProspectIdentity) => ({ status: 'identified' as const, url: who.url, at: 0, identity: who });
const sidebar = (who: ProspectIdentity = identity()) => page(<SidebarApp connection={{ phase: 'ready', state: onProfile(who) }} />);

/** A recruiter, a hiring manager with a 48-hour requisition, and Ada; the device is `as`'s. */
async function team(as: 'recruiter' | 'hm' | 'sourcer' = 'recruiter') {
  db = freshDb();
  const recruiter = member('recruiter', 'Riley Recruiter');
  const hm = member('hiring_manager', 'Hana Manager');
  const sourcer = member('sourcer', 'Sam Sourcer');
  for (const m of [sourcer, hm, recruiter]) await signInAs(db, m);
  const { result: requisitionId } = await mutate(db, requisitionSave, { title: 'Platform Engineer', hiringManagerId: hm.me.memberId, mustHaves: ['Go'], stages: ['Sourced'] }, recruiter);
  const { result: adaId } = await mutate(db, prospectUpsert, { identity: identity() }, recruiter);
  await signInAs(db, { recruiter, hm, sourcer }[as]);
  return { recruiter, hm, sourcer, requisitionId: requisitionId!, adaId: adaId! };
}

describe('one way to say when a review is due', () => {
  it('says a fresh 48-hour review is due in 2 days in the popup, the sidebar and on the review page', async () => {
    const { recruiter, requisitionId, adaId } = await team();
    const { result: requestId } = await mutate(db, reviewRequest, { requisitionId, reviewerId: (await db.members.toArray()).find((m) => m.role === 'hiring_manager')!.id, prospectIds: [adaId], activityIds: [ulid()], at: Date.now() - 60_000 }, recruiter);
    const hm = (await db.members.toArray()).find((m) => m.role === 'hiring_manager')!;
    await signInAs(db, { me: { memberId: hm.id, teamId: 'local', name: hm.name, email: '', role: 'hiring_manager' } });
    const popup = page(<PopupApp active={{ phase: 'ready', tabId: null, state: null }} />);
    expect(await screen.findByTestId('popup-reviews')).toHaveTextContent('due in 2 days');
    popup.unmount();
    const side = sidebar();
    expect(await screen.findByTestId('sidebar-review')).toHaveTextContent('due in 2 days');
    side.unmount();
    // The recruiter's guard too.
    await signInAs(db, recruiter);
    const guard = sidebar();
    expect(await screen.findByTestId('outreach-warning')).toHaveTextContent('In review with Hana Manager, feedback due in 2 days.');
    guard.unmount();
    await signInAs(db, { me: { memberId: hm.id, teamId: 'local', name: hm.name, email: '', role: 'hiring_manager' } });
    page(<ReviewApp requestId={requestId!} />);
    await screen.findByTestId('review-person-name');
    expect(screen.getByText('Due in 2 days', { exact: false })).toBeInTheDocument();
  });

  it('says how late in the same words in the popup and on the review page', async () => {
    const { recruiter, requisitionId, adaId } = await team();
    const hm = (await db.members.toArray()).find((m) => m.role === 'hiring_manager')!;
    await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.id, prospectIds: [adaId], activityIds: [ulid()], at: Date.now() - 72 * HOUR }, recruiter);
    await signInAs(db, { me: { memberId: hm.id, teamId: 'local', name: hm.name, email: '', role: 'hiring_manager' } });
    const popup = page(<PopupApp active={{ phase: 'ready', tabId: null, state: null }} />);
    expect(await screen.findByTestId('popup-reviews')).toHaveTextContent('overdue by 1 day');
    popup.unmount();
    page(<ReviewApp requestId={null} />);
    expect(await screen.findByTestId('review-inbox-item')).toHaveTextContent('Overdue by 1 day');
  });
});

describe('the feed and the guard', () => {
  it('says who was asked to review the person in a sentence that reads', async () => {
    const { recruiter, hm, requisitionId, adaId } = await team();
    await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: [adaId], activityIds: [ulid()] }, recruiter);
    sidebar();
    await waitFor(() => expect(screen.getAllByTestId('activity-item').map((li) => li.textContent)).toContainEqual(expect.stringMatching(/^You asked Hana Manager to review them/)));
  });

  it('ends a rejection that quotes a note with one full stop', async () => {
    const { recruiter, hm, requisitionId, adaId } = await team();
    const { result: requestId } = await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: [adaId], activityIds: [ulid()] }, recruiter);
    await mutate(db, reviewDecide, { requestId: requestId!, prospectId: adaId, verdict: 'reject', note: 'Too junior for this one.' }, hm);
    sidebar();
    const rejected = await screen.findByText((_, el) => el?.getAttribute('data-warning') === 'rejected');
    expect(rejected.textContent).toMatch(/“Too junior for this one\.”$/);
  });

  it('does not warn a hiring manager "before you reach out" about the review waiting for them', async () => {
    const { recruiter, hm, requisitionId, adaId } = await team();
    await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: [adaId], activityIds: [ulid()] }, recruiter);
    await signInAs(db, hm);
    sidebar();
    await screen.findByTestId('sidebar-review');
    expect(screen.queryByTestId('outreach-warning')).toBeNull();
  });

  it('does not offer a sourcer to open a requisition they cannot create', async () => {
    db = freshDb();
    await signInAs(db, member('sourcer', 'Sam Sourcer'));
    sidebar();
    expect(await screen.findByText(/No open requisition yet/)).toHaveTextContent('No open requisition yet. Recruiters and admins open them; then you can send people for review.');
    expect(screen.queryByRole('button', { name: 'Open one' })).toBeNull();
  });

  it('does not log a second "viewed" today before the first pull after signing in has brought the first', async () => {
    db = freshDb();
    const me = member('recruiter', 'Riley Recruiter');
    me.me.teamId = 'team-1';
    await signInAs(db, me);
    await db.local.bulkPut([
      { key: LOCAL_KEYS.session, value: { serverUrl: 'https://t.example', token: 't', clientId: 'client-0001', memberId: me.me.memberId, teamId: 'team-1', teamName: 'Acme', deviceName: 'd', signedInAt: 0 } },
      { key: LOCAL_KEYS.syncState, value: INITIAL_SYNC_STATE },
    ]);
    sidebar();
    await screen.findByText('New to your team');
    // Time enough for the visit to be recorded, were it recorded before the pull.
    await new Promise((r) => setTimeout(r, 300));
    // The team's rows arrive with the first pull: the person, and this member's view from this morning.
    const prospectId = ulid();
    await act(async () => {
      await arrived(db, 'prospects', { id: prospectId, teamId: 'team-1', version: 1, deletedAt: null, name: 'Ada Lovelace', headline: null, company: null, location: null, profiles: [{ site: 'linkedin', key: 'linkedin:ada-lovelace', url: 'https://www.linkedin.com/in/ada-lovelace/' }], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1 });
      await arrived(db, 'activities', { id: ulid(), teamId: 'team-1', version: 2, deletedAt: null, prospectId, actorId: me.me.memberId, at: Date.now() - 60_000, requisitionId: null, kind: 'viewed', data: {} });
      await db.local.put({ key: LOCAL_KEYS.syncState, value: { ...INITIAL_SYNC_STATE, cursor: 2, lastSyncedAt: Date.now() } });
    });
    await waitFor(() => expect(screen.getAllByTestId('activity-item')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 300));
    expect(await db.activities.filter((a) => a.kind === 'viewed').count()).toBe(1);
    expect((await db.outbox.toArray()).map((e) => e.name)).not.toContain('activity.log');
  });
});

describe('notes', () => {
  it('puts the cursor at the end of the note being edited, and lets its visibility change', async () => {
    const { recruiter, adaId } = await team();
    await mutate(db, noteAdd, { prospectId: adaId, body: 'Met at RustConf' }, recruiter);
    const user = userEvent.setup();
    sidebar();
    await user.click(await screen.findByRole('button', { name: 'Edit note' }));
    const editor = screen.getByLabelText<HTMLTextAreaElement>('Edit note');
    expect(editor).toHaveFocus();
    expect([editor.selectionStart, editor.selectionEnd]).toEqual([15, 15]);
    await user.keyboard(', 2024');
    await user.selectOptions(within(screen.getByTestId('note-item')).getByLabelText('Who can see it'), 'Only me');
    await user.click(within(screen.getByTestId('note-item')).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByTestId('note-item')).toHaveTextContent('Only you'));
    expect((await db.notes.toArray()).map((n) => [n.body, n.visibility])).toEqual([['Met at RustConf, 2024', 'private']]);
  });

  it('starts the next note as a team note after a private one', async () => {
    await team();
    const user = userEvent.setup();
    sidebar();
    await screen.findByTestId('activity-item');
    const who = screen.getByRole('combobox', { name: 'Who can see it' });
    await user.selectOptions(who, 'Only me');
    await user.type(screen.getByTestId('note-input'), 'for me');
    await user.click(screen.getByTestId('note-submit'));
    await screen.findByTestId('note-item');
    expect(who).toHaveValue('team');
  });
});

describe('the requisitions page', () => {
  it('says a review completed before its deadline was on time, not that it "was due"', async () => {
    const { recruiter, hm, requisitionId, adaId } = await team();
    const { result: requestId } = await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: [adaId], activityIds: [ulid()], at: Date.now() - 10 * HOUR }, recruiter);
    await mutate(db, reviewDecide, { requestId: requestId!, prospectId: adaId, verdict: 'approve', at: Date.now() - 9 * HOUR }, hm);
    window.history.replaceState(null, '', `/requisitions.html#${requisitionId}`);
    page(<RequisitionsApp />);
    const card = await within(await screen.findByTestId('past-reviews')).findByTestId('review-request');
    const dates = card.querySelector('.review-dates')!;
    await waitFor(() => expect(dates).toHaveTextContent(/completed .*, 2 days before the deadline/));
    expect(dates.textContent).not.toMatch(/was due/);
  });

  // Time runs as usual (Dexie, React and user-event wait on timers too), and jumps past the wait.
  const jumpingTime = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });

  it('lets a saved message go after a while', async () => {
    jumpingTime();
    const { recruiter } = await team();
    await signInAs(db, recruiter);
    window.history.replaceState(null, '', '/requisitions.html#new');
    const user = userEvent.setup();
    page(<RequisitionsApp />);
    await user.type(await screen.findByLabelText('Title'), 'Data Engineer');
    await user.click(screen.getByTestId('requisition-save'));
    await screen.findByText('Requisition created.');
    await act(() => vi.advanceTimersByTimeAsync(FLEETING_MS / 2));
    expect(screen.getByText('Requisition created.')).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(FLEETING_MS / 2 + 100));
    expect(screen.queryByText('Requisition created.')).toBeNull();
  });

  it('lets the nudge notice go after a while', async () => {
    jumpingTime();
    const { recruiter, hm, requisitionId, adaId } = await team();
    await mutate(db, reviewRequest, { requisitionId, reviewerId: hm.me.memberId, prospectIds: [adaId], activityIds: [ulid()], at: Date.now() - 72 * HOUR }, recruiter);
    window.history.replaceState(null, '', `/requisitions.html#${requisitionId}`);
    const user = userEvent.setup();
    page(<RequisitionsApp />);
    const card = await within(await screen.findByTestId('open-reviews')).findByTestId('review-request');
    await user.click(within(card).getByRole('button', { name: 'Nudge' }));
    const said = (text: string) => within(card).queryByText((_, el) => el?.getAttribute('role') === 'status' && el.textContent === text);
    await waitFor(() => expect(said('Nudged Hana Manager: they get a reminder now.')).not.toBeNull());
    await act(() => vi.advanceTimersByTimeAsync(FLEETING_MS + 100));
    expect(said('Nudged Hana Manager: they get a reminder now.')).toBeNull();
  });
});

describe('the popup', () => {
  const open = (active: ActiveTab, props: Partial<React.ComponentProps<typeof PopupApp>> = {}) => page(<PopupApp active={active} {...props} />);

  it('offers to sign in when the device is not signed in to a team', async () => {
    db = freshDb();
    const openOptions = vi.spyOn(browser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    open({ phase: 'ready', tabId: 1, state: null });
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in to your team' }));
    expect(openOptions).toHaveBeenCalled();
  });

  it('offers to hide the sidebar while it is shown, and to show it while hidden', async () => {
    db = freshDb();
    await signInAs(db, member());
    const toggle = vi.fn();
    const view = open({ phase: 'ready', tabId: 3, state: onProfile(identity()) }, { sidebarShown: true, onShowSidebar: toggle });
    await userEvent.click(await screen.findByRole('button', { name: 'Hide sidebar' }));
    expect(toggle).toHaveBeenCalledWith(3, false);
    expect(screen.queryByRole('button', { name: 'Show sidebar' })).toBeNull();
    view.unmount();
    open({ phase: 'ready', tabId: 3, state: onProfile(identity()) }, { sidebarShown: false, onShowSidebar: toggle });
    await userEvent.click(await screen.findByRole('button', { name: 'Show sidebar' }));
    expect(toggle).toHaveBeenLastCalledWith(3, true);
  });

  it('says which warnings there are, not how many', async () => {
    const { recruiter, adaId } = await team();
    await mutate(db, prospectSetDoNotContact, { prospectId: adaId, reason: 'Asked us to stop' }, recruiter);
    open({ phase: 'ready', tabId: 3, state: onProfile(identity()) });
    const warnings = await screen.findByTestId('popup-warnings');
    expect(warnings).toHaveTextContent('Do not contact. Asked us to stop — marked by you');
    expect(screen.getByTestId('popup-counts')).not.toHaveTextContent(/warning/);
  });
});

describe('signing in', () => {
  const redeemed = () =>
    Response.json({ token: 'tok', member: { id: ulid(), teamId: 'team-beta', version: 1, deletedAt: null, name: 'Sam Sourcer', email: 'sam@beta.example', role: 'sourcer' }, team: { id: 'team-beta', name: 'Beta' } });

  it('takes a bare host name for the server, and says what is wrong with an address it cannot use', async () => {
    db = freshDb();
    const fetch = vi.fn(() => Promise.resolve(redeemed()));
    vi.stubGlobal('fetch', fetch);
    const user = userEvent.setup();
    page(<OptionsApp />);
    await user.type(await screen.findByTestId('signin-server'), 'not an address');
    await user.type(screen.getByTestId('signin-code'), 'ABCD-EFGH');
    await user.click(screen.getByTestId('signin-submit'));
    expect(await screen.findByTestId('signin-error')).toHaveTextContent('“not an address” is not a web address');
    expect(fetch).not.toHaveBeenCalled();
    await user.clear(screen.getByTestId('signin-server'));
    await user.type(screen.getByTestId('signin-server'), 'tandem.beta.example');
    await user.click(screen.getByTestId('signin-submit'));
    await screen.findByTestId('signed-in-as');
    expect(fetch).toHaveBeenCalledWith('https://tandem.beta.example/v1/auth/redeem', expect.anything());
  });

  it('remembers the server address after signing out', async () => {
    db = freshDb();
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(redeemed())));
    const user = userEvent.setup();
    const first = page(<OptionsApp />);
    await user.type(await screen.findByTestId('signin-server'), 'https://tandem.beta.example');
    await user.type(screen.getByTestId('signin-code'), 'ABCD-EFGH');
    await user.click(screen.getByTestId('signin-submit'));
    await user.click(await screen.findByTestId('signout-submit'));
    await screen.findByTestId('signin-server');
    // Options opened again another day.
    first.unmount();
    page(<OptionsApp />);
    await waitFor(() => expect(screen.getByTestId('signin-server')).toHaveValue('https://tandem.beta.example'));
  });
});
