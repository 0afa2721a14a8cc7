import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp } from '@/components/options/options-app';
import { DbProvider } from '@/components/ui/db-context';
import { exportBackup } from '@/lib/backup/backup';
import { LOCAL_KEYS, readMe, readSettings } from '@/lib/db/local-state';
import { noteAdd, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { rememberTeamName } from '@/lib/sync/outbox';
import { INITIAL_SYNC_STATE } from '@/lib/sync/session';
import { freshDb, identity, member } from '../support/db';

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

  it('imports an export and reports what it brought', async () => {
    const source = freshDb();
    const ctx = member();
    const { result } = await mutate(source, prospectUpsert, { identity: identity() }, ctx);
    await mutate(source, noteAdd, { prospectId: result!, body: 'hello' }, ctx);
    const file = new File([JSON.stringify(await exportBackup(source))], 'tandem.json', { type: 'application/json' });
    const { db, user } = renderOptions();
    await user.upload(screen.getByLabelText('Import a Tandem export'), file);
    expect(await screen.findByTestId('import-outcome')).toHaveTextContent('Imported 1 person, 0 activities and 1 note.');
    expect(await db.notes.count()).toBe(1);
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
    await db.local.put({ key: LOCAL_KEYS.me, value: inAcme.me });
    await rememberTeamName(db, 'team-acme', 'Acme');
    const { result: prospectId } = await mutate(db, prospectUpsert, { identity: identity() });
    await mutate(db, noteAdd, { prospectId: prospectId!, body: 'for Acme only' });
    const beta = { id: ulid(), teamId: 'team-beta', version: 1, deletedAt: null, name: 'Sam Sourcer', email: 'sam@beta.example', role: 'sourcer' as const };
    vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ token: 'tok', member: beta, team: { id: 'team-beta', name: 'Beta' } })));
    const { user } = renderOptions(db);
    await user.type(await screen.findByTestId('signin-server'), 'https://tandem.beta.example');
    await user.type(screen.getByTestId('signin-code'), 'ABCD-EFGH');
    await user.click(screen.getByTestId('signin-submit'));

    const question = await screen.findByRole('group', { name: /2 changes made in Acme were not sent/ });
    expect(question).toHaveTextContent('2 changes made in Acme were not sent before you switched teams. They are never sent to Beta. Keep them until you sign back in to Acme, or discard them?');
    // Beta's own status counts Beta's changes only.
    expect(screen.getByTestId('sync-status')).toHaveAttribute('data-pending', '0');
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
