import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp } from '@/components/options/options-app';
import { DbProvider } from '@/components/ui/db-context';
import { type Backup, exportBackup, parseBackup } from '@/lib/backup/backup';
import { LOCAL_KEYS, readMe, readSettings, writeSettings } from '@/lib/db/local-state';
import { type Activity, type Me, type Note, type Prospect, SYNCED_TABLES, type SyncedTable } from '@/lib/model';
import { noteAdd, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { signIn, signOut } from '@/lib/sync/account';
import { countUnsent, rememberTeamName } from '@/lib/sync/outbox';
import { INITIAL_SYNC_STATE, readSession } from '@/lib/sync/session';
import { arrived, freshDb, identity, member, signInAs } from '../support/db';
import { recordWholeTableReads } from '../support/whole-table-reads';

function renderOptions(db = freshDb()) {
  render(
    <DbProvider db={db}>
      <OptionsApp />
    </DbProvider>,
  );
  return { db, user: userEvent.setup() };
}

describe('options', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('saves who you are and refuses an empty name', async () => {
    const { db, user } = renderOptions();
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Riley Recruiter');
    await user.type(screen.getByLabelText('Email'), 'Riley@Example.com');
    await user.selectOptions(screen.getByLabelText('Role'), 'sourcer');
    await user.click(screen.getByTestId('profile-save'));
    await screen.findByText('Saved.');
    expect(await readMe(db)).toMatchObject({ name: 'Riley Recruiter', email: 'riley@example.com', role: 'sourcer' });
    const me = await readMe(db);
    expect((await db.members.get(me!.memberId))?.name).toBe('Riley Recruiter');

    await user.clear(name);
    await user.type(name, '   ');
    await user.click(screen.getByTestId('profile-save'));
    expect(await screen.findByRole('alert')).toHaveTextContent('your name is required');
    expect((await readMe(db))?.name).toBe('Riley Recruiter');
  });

  it('sets the weekly check-in reminder’s day and time, and does not save a half-typed time', async () => {
    const { db, user } = renderOptions();
    const day = await screen.findByRole('combobox', { name: 'Check-in reminder day' });
    expect(day).toHaveValue('1');
    await user.selectOptions(day, 'Thursday');
    const time = screen.getByLabelText('Check-in reminder time');
    await user.clear(time);
    expect(await screen.findByRole('alert')).toHaveTextContent('The check-in reminder needs a time');
    await user.type(time, '16:30');
    await waitFor(async () => expect((await readSettings(db)).checkInReminder).toEqual({ enabled: true, weekday: 4, time: '16:30', byMail: false }));
    await user.click(screen.getByRole('checkbox', { name: /Remind me to send the weekly check-in/ }));
    await waitFor(async () => expect((await readSettings(db)).checkInReminder.enabled).toBe(false));
    expect(screen.getByLabelText('Check-in reminder time')).toBeDisabled();
  });

  it('changes the warning window and auto-logging, and refuses a window of 0', async () => {
    const { db, user } = renderOptions();
    const field = await screen.findByTestId('guard-window');
    expect(field).toHaveValue(90);
    await user.clear(field);
    await user.type(field, '30{Enter}');
    await waitFor(async () => expect((await readSettings(db)).guardWindowDays).toBe(30));
    await user.click(screen.getByTestId('auto-log'));
    await waitFor(async () => expect((await readSettings(db)).autoLogViewed).toBe(false));
    await user.clear(field);
    await user.type(field, '0{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('from 1 to 3650');
    // Said with the field, where focus still is.
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('The warning window must be a whole number of days from 1 to 3650.');
    expect((await readSettings(db)).guardWindowDays).toBe(30);
  });

  it('imports an export after saying what it will do, and reports what it brought', async () => {
    const source = freshDb();
    const ctx = member();
    const { result } = await mutate(source, prospectUpsert, { identity: identity() }, ctx);
    await mutate(source, noteAdd, { prospectId: result!, body: 'hello' }, ctx);
    const file = new File([JSON.stringify(await exportBackup(source))], 'tandem.json', { type: 'application/json' });
    const { db, user } = renderOptions();
    await user.upload(screen.getByLabelText('Import a Tandem export'), file);
    const plan = await screen.findByRole('group', { name: /Import “tandem.json”/ });
    expect(plan).toHaveTextContent('2 records this device lacks will be restored on this device.');
    expect(await db.notes.count()).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByTestId('import-outcome')).toHaveTextContent('Restored 2 records on this device.');
    const me = await readMe(db);
    expect((await db.notes.toArray()).map((n) => [n.body, n.authorId])).toEqual([['hello', me!.memberId]]);
  });

  it('changes nothing and says why when the file is bad', async () => {
    const { db, user } = renderOptions();
    const file = new File(['{"format":"tandem-backup","formatVersion":1,"exportedAt":1,"tables":{}}'], 'bad.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('Import a Tandem export'), file);
    const outcome = await screen.findByTestId('import-outcome');
    expect(outcome).toHaveTextContent(/^Nothing was imported\. The file is not a valid Tandem export at tables\.prospects/);
    expect(outcome).toHaveAttribute('role', 'alert');
    expect(await db.prospects.count()).toBe(0);
  });

  it('asks, after signing in to another team, what to do with changes made in the first one', async () => {
    const db = freshDb();
    const inAcme = member();
    inAcme.me.teamId = 'team-acme';
    const acmeSession = { serverUrl: 'https://tandem.acme.example', token: 't', clientId: 'client-0001', memberId: inAcme.me.memberId, teamId: 'team-acme', teamName: 'Acme', deviceName: 'd', signedInAt: 0 };
    await db.local.bulkPut([
      { key: LOCAL_KEYS.me, value: inAcme.me },
      { key: LOCAL_KEYS.session, value: acmeSession },
    ]);
    await rememberTeamName(db, 'team-acme', 'Acme');
    const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() });
    await mutate(db, noteAdd, { prospectId: prospectId!, body: 'for Acme only' });
    // Signed out of Acme, keeping its data and the two unsent changes.
    await db.local.delete(LOCAL_KEYS.session);
    const beta = { id: ulid(), teamId: 'team-beta', version: 1, deletedAt: null, name: 'Sam Sourcer', email: 'sam@beta.example', role: 'sourcer' as const };
    vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ token: 'tok', member: beta, team: { id: 'team-beta', name: 'Beta' } })));
    const { user } = renderOptions(db);
    await user.type(await screen.findByTestId('signin-server'), 'https://tandem.beta.example');
    await user.type(screen.getByTestId('signin-code'), 'ABCD-EFGH');
    await user.click(screen.getByTestId('signin-submit'));

    const question = await screen.findByRole('group', { name: /2 changes made in Acme were not sent/ });
    expect(question).toHaveTextContent('2 changes made in Acme were not sent before you switched teams. They are never sent to Beta. Keep them until you sign back in to Acme, or discard them?');
    // Beta's own status counts Beta's changes only (read live, so it may still be busy here).
    await waitFor(() => expect(screen.getByTestId('sync-status')).toHaveAttribute('data-pending', '0'));
    await user.click(screen.getByRole('button', { name: 'Keep until I sign back in to Acme' }));
    expect(await screen.findByTestId('other-team-changes')).toHaveTextContent('2 changes made in Acme wait until you sign back in to Acme.');
    expect(await db.outbox.count()).toBe(2);
    await user.click(screen.getByRole('button', { name: 'Discard 2 changes' }));
    await waitFor(() => expect(screen.queryByTestId('other-team-changes')).toBeNull());
    expect(await db.outbox.count()).toBe(0);
  });

  it('says when changes from the team could not be read', async () => {
    const db = freshDb();
    const memberId = ulid();
    await db.local.bulkPut([
      { key: LOCAL_KEYS.session, value: { serverUrl: 'https://t.example', token: 't', clientId: 'client-0001', memberId, teamId: 'team-1', teamName: 'Acme', deviceName: 'd', signedInAt: 0 } },
      { key: LOCAL_KEYS.syncState, value: { ...INITIAL_SYNC_STATE, unreadable: [{ kind: 'review_request', id: ulid(), version: 7, reason: 'history: too big' }] } },
    ]);
    renderOptions(db);
    expect(await screen.findByTestId('sync-unreadable')).toHaveTextContent('1 change from your team could not be read by this version of Tandem and was skipped (review request).');
  });
});

describe('options: data that must not be lost or reverted', () => {
  afterEach(() => vi.unstubAllGlobals());

  const TEAM = 'team-acme';
  /** A device signed in to Acme as `me` that has pulled the team's rows at least once. */
  async function signedInDevice(me: Me, db = freshDb()) {
    await db.local.bulkPut([
      { key: LOCAL_KEYS.me, value: me },
      { key: LOCAL_KEYS.session, value: { serverUrl: 'https://tandem.acme.example', token: 't', clientId: 'client-0001', memberId: me.memberId, teamId: TEAM, teamName: 'Acme', deviceName: 'd', signedInAt: 0 } },
      { key: LOCAL_KEYS.syncState, value: { ...INITIAL_SYNC_STATE, cursor: 9, lastSyncedAt: 1 } },
    ]);
    return db;
  }
  const personRow = (id: string): Prospect => ({
    id, teamId: TEAM, version: 1, deletedAt: null, name: 'Ada Lovelace', headline: null, company: null, location: null,
    profiles: [{ site: 'linkedin', key: 'linkedin:ada-lovelace', url: 'https://www.linkedin.com/in/ada-lovelace/' }], emails: [], doNotContact: null, createdAt: 1, updatedAt: 1,
  });
  const noteRow = (id: string, prospectId: string, authorId: string, body: string, version: number): Note => ({
    id, teamId: TEAM, version, deletedAt: null, prospectId, authorId, body, visibility: 'team', mentions: [], createdAt: 1, editedAt: version > 2 ? 5 : null,
  });

  /** Captures what the page downloads, as text. */
  function captureDownloads() {
    const files: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (files.push(blob as Blob), 'blob:tandem'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    return files;
  }

  it('never reverts a newer note with an older export: it asks first and restores only what the device lacks, as mutations', async () => {
    const me: Me = { memberId: ulid(), teamId: TEAM, name: 'Sam Sourcer', email: 'sam@acme.example', role: 'sourcer' };
    const [personId, editedId, lostId] = [ulid(), ulid(), ulid()];
    // The export: the note as it was, and another note of Sam's.
    const before = await signedInDevice(me);
    await arrived(before, 'prospects', personRow(personId));
    await arrived(before, 'notes', noteRow(editedId, personId, me.memberId, 'old text', 2), noteRow(lostId, personId, me.memberId, 'only in the file', 2));
    const file = new File([JSON.stringify(await exportBackup(before))], 'tandem-export.json', { type: 'application/json' });

    // Later, on a device that has the edit (synced) but not the other note.
    const db = await signedInDevice(me);
    await arrived(db, 'prospects', personRow(personId));
    await arrived(db, 'notes', noteRow(editedId, personId, me.memberId, 'new text', 3));
    const { user } = renderOptions(db);
    await user.upload(screen.getByLabelText('Import a Tandem export'), file);
    const plan = await screen.findByRole('group', { name: /Import “tandem-export.json”/ });
    expect(plan).toHaveTextContent('1 record this device lacks will be restored, and sent to Acme as yours.');
    expect(plan).toHaveTextContent('2 records this device already has are left as they are: an import never overwrites a record.');
    // Nothing happens before the member agrees.
    expect(await db.outbox.count()).toBe(0);
    expect(await db.notes.count()).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByTestId('import-outcome')).toHaveTextContent('Restored 1 record, and sent to Acme as yours. 2 records already here were left as they were.');
    expect((await db.notes.get(editedId))?.body).toBe('new text');
    expect((await db.notes.get(lostId))?.body).toBe('only in the file');
    // Queued for the server, which is the authority: nothing is written behind the outbox's back.
    expect((await db.outbox.toArray()).map((e) => [e.name, e.teamId, (e.args as { row: { id: string } }).row.id])).toEqual([['backup.restore', TEAM, lostId]]);
  });

  it('exports a large device a page at a time: no table is read whole, and an import reads the file', async () => {
    const me: Me = { memberId: ulid(), teamId: TEAM, name: 'Sam Sourcer', email: 'sam@acme.example', role: 'sourcer' };
    const fresh = freshDb();
    const reads = recordWholeTableReads(fresh);
    const db = await signedInDevice(me, fresh);
    const personId = ulid();
    await arrived(db, 'prospects', personRow(personId));
    // More than a page of history (the export reads 1,000 rows at a time).
    const history = Array.from({ length: 2_345 }, (_, i): Activity => ({ id: ulid(), teamId: TEAM, version: 1, deletedAt: null, prospectId: personId, actorId: me.memberId, at: i, requisitionId: null, kind: 'viewed', data: {} }));
    await arrived(db, 'activities', ...history);
    await mutate(db, noteAdd, { prospectId: personId, body: 'not sent yet' }, { actor: me });
    const downloads = captureDownloads();
    const { user } = renderOptions(db);
    reads.length = 0;

    await user.click(await screen.findByTestId('export'));
    expect(await screen.findByTestId('import-outcome', {}, { timeout: 10_000 })).toHaveTextContent('Exported 2347 records, this device’s settings and 1 change not yet sent.');
    // The page itself reads the team's members, which grow with the team, not its history.
    expect(reads.filter((r) => r !== 'members' && SYNCED_TABLES.includes(r.split('.')[0] as SyncedTable))).toEqual([]);
    const file = parseBackup(await downloads[0]!.text());
    if (!file.ok) throw new Error(file.error);
    expect(file.backup.tables.activities.map((a) => a.id).sort()).toEqual(history.map((a) => a.id).sort());
  });

  it('exports the device’s settings and restores them on import when asked', async () => {
    const source = freshDb();
    await writeSettings(source, { guardWindowDays: 30, autoLogViewed: false, reminders: { timeZone: 'Europe/Stockholm', workingDays: [1, 2, 3, 4], quietHours: { start: '18:00', end: '09:00' } } });
    const backup = await exportBackup(source);
    expect(backup.settings).toEqual(await readSettings(source));
    const { db, user } = renderOptions();
    await user.upload(screen.getByLabelText('Import a Tandem export'), new File([JSON.stringify(backup)], 'settings.json', { type: 'application/json' }));
    await screen.findByRole('group', { name: /Import “settings.json”/ });
    await user.click(screen.getByLabelText(/Also replace this device’s settings/));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByTestId('import-outcome')).toHaveTextContent('This device’s settings were replaced with the file’s.');
    expect(await readSettings(db)).toEqual(await readSettings(source));
  });

  it('warns with the count before removing unsent changes, offers to export them, and wipes only when told', async () => {
    const me: Me = { memberId: ulid(), teamId: TEAM, name: 'Sam Sourcer', email: 'sam@acme.example', role: 'sourcer' };
    const db = await signedInDevice(me);
    await arrived(db, 'members', { id: me.memberId, teamId: TEAM, version: 1, deletedAt: null, name: me.name, email: me.email, role: me.role });
    const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() });
    await mutate(db, noteAdd, { prospectId: prospectId!, body: 'written while the server was down' });
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
    const downloads = captureDownloads();
    const { user } = renderOptions(db);

    await user.click(await screen.findByLabelText(/Also remove the team’s data/));
    await user.click(screen.getByTestId('signout-submit'));
    const warning = await screen.findByRole('alertdialog', { name: '2 changes on this browser have not been sent yet.' });
    expect(warning).toHaveTextContent('Removing the team’s data deletes them.');
    expect(await db.outbox.count()).toBe(2);
    expect(await readSession(db)).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Export them first' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const file = JSON.parse(await downloads[0]!.text()) as Backup;
    expect(file.unsent).toEqual([expect.objectContaining({ teamId: TEAM, memberId: me.memberId, memberName: 'Sam Sourcer' })]);
    expect(file.unsent[0]!.changes.map((c) => c.name)).toEqual(['prospect.upsert', 'note.add']);

    await user.click(screen.getByRole('button', { name: 'Delete 2 changes and sign out' }));
    await screen.findByTestId('signin-submit');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.notes.count()).toBe(0);
  });

  it('keeps another member’s unsent changes apart at sign-in, and offers to export them for that member or discard them', async () => {
    const team = { id: ulid(), name: 'Acme' };
    const sam = { id: ulid(), teamId: team.id, version: 1, deletedAt: null, name: 'Sam Sourcer', email: 'sam@acme.example', role: 'sourcer' as const };
    const riley = { ...sam, id: ulid(), name: 'Riley Recruiter', email: 'riley@acme.example', role: 'recruiter' as const };
    const db = freshDb();
    await signIn(db, { serverUrl: 'https://tandem.acme.example', code: 'c', deviceName: 'd', fetch: () => Promise.resolve(Response.json({ token: 't1', member: sam, team })) });
    const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() });
    await mutate(db, noteAdd, { prospectId: prospectId!, body: 'Sam’s note, never sent' });
    await signOut(db, { wipe: false, fetch: () => Promise.reject(new TypeError('offline')) });

    vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ token: 't2', member: riley, team })));
    const downloads = captureDownloads();
    const { user } = renderOptions(db);
    await user.type(await screen.findByTestId('signin-server'), 'https://tandem.acme.example');
    await user.type(screen.getByTestId('signin-code'), 'ABCD-EFGH');
    await user.click(screen.getByTestId('signin-submit'));
    const question = await screen.findByRole('group', { name: /2 changes made on this browser by Sam Sourcer were not sent/ });
    expect(question).toHaveTextContent('They are never sent in your name: export them for Sam Sourcer to import, signed in as themselves, or discard them.');
    expect(await db.outbox.count()).toBe(0);
    // The status reads the outbox live; on a loaded machine it may still be busy reading here.
    await waitFor(() => expect(screen.getByTestId('sync-status')).toHaveAttribute('data-pending', '0'));

    await user.click(screen.getByRole('button', { name: 'Export for Sam Sourcer' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const file = JSON.parse(await downloads[0]!.text()) as Backup;
    expect(file.unsent.map((u) => [u.memberId, u.changes.map((c) => c.name)])).toEqual([[sam.id, ['prospect.upsert', 'note.add']]]);
    await user.click(screen.getByRole('button', { name: 'Discard 2 changes' }));
    await waitFor(() => expect(screen.queryByTestId('held-changes')).toBeNull());
    expect(await countUnsent(db)).toBe(0);
  });
});

describe('options: reminder rules reach the team’s server', () => {
  it('puts the working days, quiet hours and the check-in mail chosen in Options on the member’s record, queued for the server', async () => {
    const db = freshDb();
    const me: Me = { memberId: ulid(), teamId: 'team-acme', name: 'Riley Recruiter', email: 'riley@acme.example', role: 'recruiter' };
    await signInAs(db, { me });
    await db.local.put({ key: LOCAL_KEYS.session, value: { serverUrl: 'https://tandem.acme.example', token: 't', clientId: 'client-0001', memberId: me.memberId, teamId: me.teamId, teamName: 'Acme', deviceName: 'd', signedInAt: 0 } });
    const { user } = renderOptions(db);
    // Tuesday to Saturday, quiet from 20:00 until 09:00.
    await user.click(await screen.findByRole('checkbox', { name: 'Monday' }));
    await user.click(screen.getByRole('checkbox', { name: 'Saturday' }));
    const start = screen.getByLabelText('Quiet hours from');
    await user.clear(start);
    await user.type(start, '20:00');
    const end = screen.getByLabelText('Quiet hours until');
    await user.clear(end);
    await user.type(end, '09:00');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Check-in reminder day' }), 'Friday');
    await user.click(screen.getByRole('checkbox', { name: 'Also e-mail me the check-in' }));
    await waitFor(async () =>
      expect(await db.members.get(me.memberId)).toMatchObject({
        workingDays: [2, 3, 4, 5, 6],
        quietHours: { start: '20:00', end: '09:00' },
        checkInMail: { weekday: 5, time: '09:00' },
      }),
    );
    const queued = (await db.outbox.toArray()).filter((m) => m.name === 'member.update').map((m) => m.args as Record<string, unknown>);
    // Each change sends what differs then (quick changes may share one mutation): every one for this member, the last check-in the one chosen.
    expect(queued.every((a) => a.memberId === me.memberId)).toBe(true);
    expect(queued.filter((a) => a.checkInMail !== undefined).at(-1)?.checkInMail).toEqual({ weekday: 5, time: '09:00' });
    expect(queued.some((a) => JSON.stringify(a.workingDays) === '[2,3,4,5,6]')).toBe(true);
    expect(queued.some((a) => JSON.stringify(a.quietHours) === '{"start":"20:00","end":"09:00"}')).toBe(true);
    // Off again: the server stops mailing it.
    await user.click(screen.getByRole('checkbox', { name: 'Also e-mail me the check-in' }));
    await waitFor(async () => expect((await db.members.get(me.memberId))?.checkInMail).toBeNull());
  });

  it('shows the working days and quiet hours the member chose elsewhere (the review link’s mail settings), which reminders on this device follow', async () => {
    const db = freshDb();
    const me: Me = { memberId: ulid(), teamId: 'team-acme', name: 'Hana Manager', email: 'hana@acme.example', role: 'hiring_manager' };
    await signInAs(db, { me });
    await arrived(db, 'members', {
      id: me.memberId,
      teamId: me.teamId,
      version: 2,
      deletedAt: null,
      name: me.name,
      email: me.email,
      role: me.role,
      workingDays: [2, 3, 4, 5, 6],
      quietHours: { start: '20:00', end: '09:00' },
    });
    renderOptions(db);
    await waitFor(() => expect(screen.getByRole('checkbox', { name: 'Saturday' })).toBeChecked());
    expect(screen.getByRole('checkbox', { name: 'Monday' })).not.toBeChecked();
    expect(screen.getByLabelText('Quiet hours from')).toHaveValue('20:00');
    expect(screen.getByLabelText('Quiet hours until')).toHaveValue('09:00');
  });

  it('keeps a device on its own (no team) from queueing anything for a server', async () => {
    const { db, user } = renderOptions();
    await user.click(await screen.findByRole('checkbox', { name: 'Monday' }));
    await waitFor(async () => expect((await readSettings(db)).reminders.workingDays).toEqual([2, 3, 4, 5]));
    expect(await db.outbox.count()).toBe(0);
  });
});
