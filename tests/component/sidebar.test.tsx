import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, it } from 'vitest';
import { FEED_PAGE } from '@/components/prospect/use-prospect-view';
import { SidebarApp, type SidebarConnection } from '@/components/sidebar/sidebar-app';
import { DbProvider } from '@/components/ui/db-context';
import { ensureMe, writeSettings } from '@/lib/db/local-state';
import { activitiesFor, findProspectByKey } from '@/lib/db/queries';
import { activityLog, noteAdd, prospectSetDoNotContact, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { saveProfile } from '@/lib/db/member-profile';
import { useUndo } from '@/components/ui/undo-store';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';
import type { TandemDB } from '@/lib/db/database';
import type { Activity, ProspectIdentity } from '@/lib/model';

let db: TandemDB;

function ready(id: ProspectIdentity = identity()): SidebarConnection {
  return { phase: 'ready', state: { status: 'identified', url: id.url, at: 0, identity: id } };
}

async function renderSidebar(connection: SidebarConnection, role: Parameters<typeof member>[0] = 'recruiter') {
  db = freshDb();
  const me = member(role, 'Riley Recruiter');
  await signInAs(db, me);
  const view = render(
    <DbProvider db={db}>
      <SidebarApp connection={connection} />
    </DbProvider>,
  );
  return { ...view, me, user: userEvent.setup() };
}

afterEach(() => {
  useUndo.getState().dismiss();
  db?.close();
});

describe('sidebar states', () => {
  it('says it could not identify the person on a page it cannot read', async () => {
    await renderSidebar({ phase: 'ready', state: { status: 'unidentified', url: 'https://www.linkedin.com/in/x/', at: 0 } });
    expect(screen.getByTestId('unidentified')).toHaveTextContent('Could not identify the person on this page');
    expect(screen.queryByTestId('prospect-name')).toBeNull();
  });

  it('draws the person’s name once: the same element before and after the suppression check, so focus on it stays', async () => {
    await renderSidebar(ready());
    const name = screen.getByTestId('prospect-name');
    name.tabIndex = -1;
    name.focus();
    // The panel below the name has come: the check cleared.
    expect(await screen.findByText('New to your team')).toBeInTheDocument();
    expect(screen.getByTestId('prospect-name')).toBe(name);
    expect(document.activeElement).toBe(name);
    await screen.findByTestId('activity-item'); // the visit is recorded before the database closes
  });

  it('shows progress while the page is read, and a hint off profiles', async () => {
    const { rerender } = await renderSidebar({ phase: 'ready', state: { status: 'pending', url: 'u', at: 0 } });
    expect(screen.getByText('Reading the page…')).toBeInTheDocument();
    rerender(
      <DbProvider db={db}>
        <SidebarApp connection={{ phase: 'ready', state: { status: 'not_profile', url: 'u', at: 0 } }} />
      </DbProvider>,
    );
    expect(screen.getByText(/does not show one person/)).toBeInTheDocument();
  });
});

describe('sidebar footer', () => {
  it('asks a member who has not named themselves to do so, and stops once they have', async () => {
    db = freshDb();
    await ensureMe(db);
    render(
      <DbProvider db={db}>
        <SidebarApp connection={ready()} />
      </DbProvider>,
    );
    expect(await screen.findByRole('button', { name: 'Add your name and role' })).toBeInTheDocument();
    await act(async () => void (await saveProfile(db, { name: 'Riley', email: '', role: 'recruiter' })));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Add your name and role' })).toBeNull());
  });
});

describe('sidebar on a person', () => {
  it('paints the identity, records the person and one view', async () => {
    await renderSidebar(ready());
    expect(screen.getByTestId('prospect-name')).toHaveTextContent('Ada Lovelace');
    expect(screen.getByTestId('prospect-headline')).toHaveTextContent('Analyst at Analytical Engines');
    await waitFor(async () => expect((await findProspectByKey(db, 'linkedin:ada-lovelace'))?.name).toBe('Ada Lovelace'));
    const item = await screen.findByTestId('activity-item');
    expect(item).toHaveAttribute('data-kind', 'viewed');
    expect(item).toHaveTextContent('You viewed the profile');
  });

  it('does not record anyone when auto-logging is off', async () => {
    db = freshDb();
    await writeSettings(db, { autoLogViewed: false });
    render(
      <DbProvider db={db}>
        <SidebarApp connection={ready()} />
      </DbProvider>,
    );
    expect(await screen.findByText('New to your team')).toBeInTheDocument();
    expect(await db.prospects.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('logs outreach in one click and warns before the next one', async () => {
    const { user } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    await user.click(screen.getByRole('button', { name: 'InMail sent' }));
    await waitFor(() => expect(screen.getAllByTestId('activity-item')[0]).toHaveAttribute('data-kind', 'outreach'));
    expect(screen.getAllByTestId('activity-item')[0]).toHaveTextContent('You sent an InMail');
    expect(screen.getByTestId('outreach-warning')).toHaveTextContent('Already contacted: You sent an InMail just now');
  });

  it('takes back a logged outreach with undo: gone from the feed and the guard', async () => {
    const { user } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    await user.click(screen.getByRole('button', { name: 'Call' }));
    expect(await screen.findByText('Logged “Call”.')).toBeInTheDocument();
    expect(await screen.findByTestId('outreach-warning')).toHaveTextContent('You called');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.queryByTestId('outreach-warning')).toBeNull());
    expect(screen.getAllByTestId('activity-item').map((li) => li.dataset.kind)).toEqual(['viewed']);
    expect((await db.outbox.toArray()).map((e) => e.name)).toContain('activity.undo');
  });

  it('asks before logging outreach on a do-not-contact person, showing the reason', async () => {
    const { user, me } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    const prospect = await findProspectByKey(db, 'linkedin:ada-lovelace');
    await act(async () => void (await mutate(db, prospectSetDoNotContact, { prospectId: prospect!.id, reason: 'Asked us to stop' }, me)));
    await screen.findByTestId('outreach-warning');
    await user.click(screen.getByRole('button', { name: 'Call' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Log outreach to a do-not-contact person?' });
    expect(ask).toHaveTextContent('Ada Lovelace is marked do-not-contact: Asked us to stop');
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect((await activitiesFor(db, prospect!.id)).map((a) => a.kind)).not.toContain('outreach');
    await user.click(screen.getByRole('button', { name: 'Call' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Log the call anyway' }));
    await waitFor(async () => expect((await activitiesFor(db, prospect!.id)).map((a) => a.kind)).toContain('outreach'));
    // A reply is not outreach: logged without asking.
    await user.click(screen.getByRole('button', { name: 'Replied' }));
    await waitFor(async () => expect((await activitiesFor(db, prospect!.id)).map((a) => a.kind)).toContain('reply'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('adds a note as plain text, even when it looks like markup', async () => {
    const { user } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    const body = 'Great fit <img src=x onerror="alert(1)"> ask about\nremote';
    await user.type(screen.getByTestId('note-input'), body.replace(/[{[]/g, '$&$&'));
    await user.click(screen.getByTestId('note-submit'));
    const note = await screen.findByTestId('note-item');
    expect(note.querySelector('.body')?.textContent).toBe(body);
    expect(note.querySelector('img')).toBeNull();
    expect(screen.getByTestId('note-input')).toHaveValue('');
  });

  it('saves a note with Ctrl+Enter and focuses the input with N', async () => {
    const { user } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    await user.keyboard('n');
    expect(screen.getByTestId('note-input')).toHaveFocus();
    await user.keyboard('Quick one{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId('note-item')).toHaveTextContent('Quick one');
  });

  it('edits and deletes your own note, with undo', async () => {
    const { user } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    await user.type(screen.getByTestId('note-input'), 'first draft');
    await user.click(screen.getByTestId('note-submit'));
    const note = await screen.findByTestId('note-item');
    await user.click(within(note).getByRole('button', { name: 'Edit note' }));
    const editor = within(note).getByLabelText('Edit note');
    await user.clear(editor);
    await user.type(editor, 'second draft');
    await user.click(within(note).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByTestId('note-item').querySelector('.body')?.textContent).toBe('second draft'));
    expect(screen.getByTestId('note-item')).toHaveTextContent('(edited)');

    await user.click(within(screen.getByTestId('note-item')).getByRole('button', { name: 'Delete note' }));
    await waitFor(() => expect(screen.queryByTestId('note-item')).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByTestId('note-item')).toHaveTextContent('second draft');
  });

  it("shows a colleague's notes without edit controls, and hides their private ones", async () => {
    const { me } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    const colleague = member('sourcer', 'Sam Sourcer');
    await arrived(db, 'members', { id: colleague.me.memberId, teamId: 'local', version: 0, deletedAt: null, name: 'Sam Sourcer', email: 'sam@example.com', role: 'sourcer' });
    const prospect = await findProspectByKey(db, 'linkedin:ada-lovelace');
    await act(async () => {
      await mutate(db, noteAdd, { prospectId: prospect!.id, body: 'Met at RustConf' }, colleague);
      await mutate(db, noteAdd, { prospectId: prospect!.id, body: 'secret', visibility: 'private' }, colleague);
    });
    const note = await screen.findByTestId('note-item');
    expect(note).toHaveTextContent('Sam Sourcer');
    expect(note).toHaveTextContent('Met at RustConf');
    expect(within(note).queryByRole('button', { name: 'Edit note' })).toBeNull();
    expect(screen.queryByText('secret')).toBeNull();
    expect(me.me.memberId).not.toBe(colleague.me.memberId);
  });

  it('marks do-not-contact with a reason and shows it first in the guard', async () => {
    const { user } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    await user.click(screen.getByRole('button', { name: 'Mark do-not-contact…' }));
    await user.type(screen.getByLabelText('Why should nobody contact this person?'), 'Asked us to stop');
    await user.click(screen.getByRole('button', { name: 'Mark do-not-contact' }));
    const guard = await screen.findByTestId('outreach-warning');
    expect(within(guard).getAllByRole('listitem')[0]).toHaveTextContent('Do not contact. Asked us to stop — marked by you');
    expect(screen.getAllByTestId('activity-item')[0]).toHaveAttribute('data-kind', 'dnc_set');
    await user.click(screen.getByRole('button', { name: 'Clear do-not-contact' }));
    await waitFor(() => expect(screen.queryByTestId('outreach-warning')).toBeNull());
  });

  it('offers to undo marking and clearing do-not-contact, so no single click is final', async () => {
    const { user } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    await user.click(screen.getByRole('button', { name: 'Mark do-not-contact…' }));
    await user.type(screen.getByLabelText('Why should nobody contact this person?'), 'Asked us to stop');
    await user.click(screen.getByRole('button', { name: 'Mark do-not-contact' }));
    expect(await screen.findByText('Marked do-not-contact.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Mark do-not-contact…' })).toBeInTheDocument());
    const prospect = await findProspectByKey(db, 'linkedin:ada-lovelace');
    expect(prospect?.doNotContact).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Mark do-not-contact…' }));
    await user.type(screen.getByLabelText('Why should nobody contact this person?'), 'Works for a client');
    await user.click(screen.getByRole('button', { name: 'Mark do-not-contact' }));
    await user.click(await screen.findByRole('button', { name: 'Clear do-not-contact' }));
    expect(await screen.findByText('Do-not-contact cleared.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByTestId('outreach-warning')).toHaveTextContent('Do not contact. Works for a client');
  });

  it('does not offer do-not-contact to a sourcer', async () => {
    await renderSidebar(ready(), 'sourcer');
    await screen.findByTestId('activity-item');
    expect(screen.queryByRole('button', { name: /do-not-contact/ })).toBeNull();
    expect(screen.getByText(/Only recruiters and admins/)).toBeInTheDocument();
  });

  it("names a teammate's outreach in the guard and honours the window setting", async () => {
    await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    const colleague = member('recruiter', 'Cam Closer');
    await arrived(db, 'members', { id: colleague.me.memberId, teamId: 'local', version: 0, deletedAt: null, name: 'Cam Closer', email: 'cam@example.com', role: 'recruiter' });
    const prospect = await findProspectByKey(db, 'linkedin:ada-lovelace');
    const tenDaysAgo = Date.now() - 10 * 24 * 3600 * 1000;
    await act(async () => {
      await mutate(db, activityLog, { prospectId: prospect!.id, kind: 'outreach', data: { channel: 'email' }, at: tenDaysAgo }, colleague);
    });
    expect(await screen.findByTestId('outreach-warning')).toHaveTextContent('Cam Closer sent an email 10 days ago');
    await act(async () => void (await writeSettings(db, { guardWindowDays: 7 })));
    await waitFor(() => expect(screen.queryByTestId('outreach-warning')).toBeNull());
    expect((await activitiesFor(db, prospect!.id)).length).toBe(2);
  });

  it('refreshes a known person from the page without duplicating them', async () => {
    db = freshDb();
    await mutate(db, prospectUpsert, { identity: identity('ada-lovelace', { headline: 'Old headline' }) });
    render(
      <DbProvider db={db}>
        <SidebarApp connection={ready()} />
      </DbProvider>,
    );
    await waitFor(async () => expect((await findProspectByKey(db, 'linkedin:ada-lovelace'))?.headline).toBe('Analyst at Analytical Engines'));
    expect(await db.prospects.count()).toBe(1);
  });
});

describe('long and right-to-left notes', () => {
  it('keeps a pasted note whole, says how far over the limit it is and what does not fit, and saves once it fits', async () => {
    const { user } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    const input = screen.getByTestId('note-input');
    await user.click(input);
    // 6,000 Arabic letters: 6,000 characters, 12,000 bytes of UTF-8 (what the schema counts).
    await user.paste('ب'.repeat(4_000) + 'ج'.repeat(2_000));
    expect(input).toHaveValue('ب'.repeat(4_000) + 'ج'.repeat(2_000));
    const limit = screen.getByTestId('note-input-limit');
    expect(limit).toHaveTextContent('Too long to save: 12,000 bytes, at most 10,000 (2,000 over). The last 1,000 characters do not fit, from “ججج');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(expect.stringContaining('Too long to save'));
    expect(screen.getByTestId('note-submit')).toBeDisabled();
    await user.clear(input);
    await user.paste('ب'.repeat(4_900));
    expect(screen.getByTestId('note-input-limit')).toHaveTextContent('9,800 of 10,000 bytes');
    expect(screen.getByTestId('note-submit')).toBeEnabled();
  });

  it('also keeps an edit whole and says it is too long', async () => {
    const { user, me } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    const prospect = await findProspectByKey(db, 'linkedin:ada-lovelace');
    await act(async () => void (await mutate(db, noteAdd, { prospectId: prospect!.id, body: 'short' }, me)));
    await user.click(await screen.findByRole('button', { name: 'Edit note' }));
    const editor = screen.getByLabelText('Edit note');
    await user.paste('x'.repeat(10_500));
    expect((editor as HTMLTextAreaElement).value).toHaveLength(10_505);
    expect(within(screen.getByTestId('note-item')).getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(editor).toHaveAccessibleDescription(expect.stringContaining('Too long to save: 10,505 bytes, at most 10,000 (505 over)'));
  });

  it('keeps a pasted do-not-contact reason whole and says it is too long', async () => {
    const { user } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    await user.click(screen.getByRole('button', { name: 'Mark do-not-contact…' }));
    const reason = screen.getByLabelText('Why should nobody contact this person?');
    await user.paste('x'.repeat(600));
    expect(reason).toHaveValue('x'.repeat(600));
    expect(screen.getByTestId('dnc-reason-limit')).toHaveTextContent('Too long to save: 600 bytes, at most 500 (100 over)');
    expect(screen.getByRole('button', { name: 'Mark do-not-contact' })).toBeDisabled();
  });

  it('collapses a long note behind a Show more button, and shows all of it on request', async () => {
    const { me } = await renderSidebar(ready());
    await screen.findByTestId('activity-item');
    const prospect = await findProspectByKey(db, 'linkedin:ada-lovelace');
    const long = Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of a long pasted CV`).join('\n');
    await act(async () => {
      await mutate(db, noteAdd, { prospectId: prospect!.id, body: 'Short one', at: 1 }, me);
      await mutate(db, noteAdd, { prospectId: prospect!.id, body: long, at: 2 }, me);
    });
    await waitFor(() => expect(screen.getAllByTestId('note-item')).toHaveLength(2));
    const [longNote, shortNote] = screen.getAllByTestId('note-item');
    expect(within(shortNote!).queryByRole('button', { name: 'Show more' })).toBeNull();
    const body = longNote!.querySelector('.body')!;
    expect(body.textContent).toBe(long);
    expect(body).toHaveAttribute('data-collapsed', 'true');
    const more = within(longNote!).getByRole('button', { name: 'Show more' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    expect(more).toHaveAttribute('aria-controls', body.id);
    await userEvent.setup().click(more);
    expect(body).toHaveAttribute('data-collapsed', 'false');
    expect(within(longNote!).getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  });
});

describe('a person with a long history', () => {
  it('shows the newest page of it, more on request, and still warns of outreach further back', async () => {
    db = freshDb();
    const me = member('recruiter', 'Riley Recruiter');
    await signInAs(db, me);
    const prospectId = (await mutate(db, prospectUpsert, { identity: identity() }, me)).result!;
    const day = 86_400_000;
    const at = Date.now() - 30 * day;
    const row = (i: number, kind: 'viewed' | 'outreach'): Activity => {
      const base = { id: ulid(at + i * 60_000), teamId: 'local', version: 2, deletedAt: null, prospectId, actorId: me.me.memberId, at: at + i * 60_000, requisitionId: null };
      return kind === 'outreach' ? { ...base, kind, data: { channel: 'email' } } : { ...base, kind, data: {} };
    };
    // An email a month ago, then 60 views since: the email is not among the newest 50.
    await arrived(db, 'activities', row(0, 'outreach'), ...Array.from({ length: 60 }, (_, i) => row(i + 1, 'viewed')));
    const user = userEvent.setup();
    render(
      <DbProvider db={db}>
        <SidebarApp connection={ready()} />
      </DbProvider>,
    );
    await waitFor(() => expect(within(screen.getByTestId('activity-feed')).getAllByTestId('activity-item')).toHaveLength(FEED_PAGE));
    expect(screen.getByTestId('outreach-warning')).toHaveTextContent(/sent an email/);
    await user.click(screen.getByRole('button', { name: 'Show older activity' }));
    // The 60 views, the email and today's view (recorded on opening).
    await waitFor(() => expect(within(screen.getByTestId('activity-feed')).getAllByTestId('activity-item')).toHaveLength(62));
    expect(screen.queryByRole('button', { name: 'Show older activity' })).toBeNull();
  });
});
