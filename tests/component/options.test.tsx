import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { OptionsApp } from '@/components/options/options-app';
import { DbProvider } from '@/components/ui/db-context';
import { exportBackup } from '@/lib/backup/backup';
import { readMe, readSettings } from '@/lib/db/local-state';
import { noteAdd, prospectUpsert } from '@/lib/mutations';
import { mutate } from '@/lib/db/mutate';
import { freshDb, identity, member } from '../support/db';

function renderOptions() {
  const db = freshDb();
  render(
    <DbProvider db={db}>
      <OptionsApp />
    </DbProvider>,
  );
  return { db, user: userEvent.setup() };
}

describe('options', () => {
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
});
