import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ulid } from 'ulidx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrivacyForm } from '@/components/options/privacy-form';
import { DbProvider } from '@/components/ui/db-context';
import type { TandemDB } from '@/lib/db/database';
import { LOCAL_KEYS } from '@/lib/db/local-state';
import { mutate } from '@/lib/db/mutate';
import { TEAM_PRIVACY_ID } from '@/lib/model';
import { teamPrivacySet } from '@/lib/mutations';
import { freshDb, member, signInAs } from '../support/db';

let db: TandemDB;
afterEach(() => {
  cleanup();
  db?.close();
});

async function renderAs(role: Parameters<typeof member>[0]) {
  db = freshDb();
  const me = member(role, role === 'admin' ? 'Ada Admin' : 'Riley Recruiter');
  await signInAs(db, me);
  render(
    <DbProvider db={db}>
      <PrivacyForm />
    </DbProvider>,
  );
  return { me, user: userEvent.setup() };
}

describe('Options → Privacy', () => {
  it('lets an admin set the four choices, showing the schema’s errors next to their field', async () => {
    const { me, user } = await renderAs('admin');
    const days = await screen.findByLabelText('Privacy notice due within (days)');
    expect(days).toHaveValue(30);
    expect(screen.getByRole('radio', { name: 'Remind again, once a working day' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Erase people with no activity for a while' })).not.toBeChecked();
    expect(screen.queryByLabelText('Months without activity')).toBeNull();
    expect(screen.getByText('The team’s defaults: no admin has changed them.')).toBeInTheDocument();

    await user.clear(days);
    await user.type(days, '45');
    await user.click(screen.getByRole('checkbox', { name: 'Erase people with no activity for a while' }));
    const months = screen.getByLabelText('Months without activity');
    await user.clear(months);
    await user.click(screen.getByRole('button', { name: 'Save privacy settings' }));
    expect(days).toHaveAttribute('aria-invalid', 'true');
    expect(days).toHaveAccessibleDescription(/the GDPR allows a month at most/);
    expect(months).toHaveAccessibleDescription('a whole number');
    expect(await db.teamPrivacy.get(TEAM_PRIVACY_ID)).toBeUndefined();

    await user.clear(days);
    await user.type(days, '14');
    await user.type(months, '18');
    await user.click(screen.getByRole('radio', { name: 'Erase the person' }));
    await user.click(screen.getByRole('checkbox', { name: 'Keep do-not-contact people in the suppression list' }));
    await user.click(screen.getByRole('button', { name: 'Save privacy settings' }));
    await screen.findByText('Saved. Your team sees it at the next sync.');
    expect(days).not.toHaveAttribute('aria-invalid');
    expect(await db.teamPrivacy.get(TEAM_PRIVACY_ID)).toMatchObject({ noticeDays: 14, noticeAtDeadline: 'erase', retentionMonths: 18, suppressOnDoNotContact: true, updatedBy: me.me.memberId });
    expect((await db.outbox.toArray()).map((e) => e.name)).toEqual(['team.privacy.set']);
    expect(await screen.findByTestId('privacy-set-by')).toHaveTextContent(/^Set by you on /);
  });

  it('shows other members the choices read-only, with who set them and when', async () => {
    await renderAs('recruiter');
    const admin = member('admin', 'Ada Admin');
    await signInAs(db, admin);
    await signInAs(db, member('recruiter', 'Riley Recruiter'));
    await mutate(db, teamPrivacySet, { noticeDays: 20, noticeAtDeadline: 'erase', retentionMonths: 24, suppressOnDoNotContact: false, at: new Date(2026, 2, 5).getTime() }, admin);
    const section = await screen.findByRole('region', { name: 'Privacy' });
    await waitFor(() => expect(within(section).getByText('20 days of the team first storing a person')).toBeInTheDocument());
    expect(within(section).getByText('Erase the person')).toBeInTheDocument();
    expect(within(section).getByText('After 24 months')).toBeInTheDocument();
    expect(within(section).getByText('Not kept')).toBeInTheDocument();
    expect(within(section).getByTestId('privacy-set-by')).toHaveTextContent('Set by Ada Admin on 5 Mar 2026.');
    expect(within(section).queryByRole('textbox')).toBeNull();
    expect(within(section).queryByRole('spinbutton')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save privacy settings' })).toBeNull();
  });
});

describe('the retention preview', () => {
  it('asks the team server who the typed months would erase, lists them, and starts afresh when the months change', async () => {
    const { me, user } = await renderAs('admin');
    await db.local.put({
      key: LOCAL_KEYS.session,
      value: { serverUrl: 'https://tandem.acme.example', token: 'device-token', clientId: `client-${ulid()}`, memberId: me.me.memberId, teamId: me.me.teamId, teamName: 'Acme', deviceName: 'Browser', signedInAt: 1 },
    });
    const urls: string[] = [];
    const people = Array.from({ length: 52 }, (_, i) => ({ id: ulid(), name: `Person ${i}`, lastActivityAt: Date.UTC(2025, 0, 1 + i) }));
    const answers = [
      { status: 200, body: { months: 12, cutoff: 1, people } },
      { status: 403, body: { error: 'only an admin previews the team’s retention rule' } },
    ];
    const fetchStub = vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
      urls.push(input as string);
      const answer = answers.shift()!;
      return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } }));
    });
    try {
      await user.click(await screen.findByRole('checkbox', { name: 'Erase people with no activity for a while' }));
      const months = screen.getByLabelText('Months without activity');
      await user.clear(months);
      await user.type(months, '12');
      await user.click(screen.getByRole('button', { name: 'Preview who this would erase' }));
      const count = await screen.findByTestId('retention-preview-count');
      expect(count).toHaveAttribute('data-value', '52');
      expect(count).toHaveTextContent('52 people would be erased');
      expect(within(screen.getByRole('list', { name: 'People retention would erase' })).getAllByRole('listitem')).toHaveLength(50);
      expect(screen.getByText('and 2 more.')).toBeInTheDocument();
      expect(urls).toEqual(['https://tandem.acme.example/v1/privacy/retention-preview?months=12']);

      // Other months: the answer for 12 no longer holds.
      await user.type(months, '0');
      expect(screen.queryByTestId('retention-preview-count')).toBeNull();
      await user.click(screen.getByRole('button', { name: 'Preview who this would erase' }));
      expect(await screen.findByText(/Could not preview: .*only an admin previews/)).toBeInTheDocument();
      // Nothing was saved by previewing.
      expect(await db.teamPrivacy.get(TEAM_PRIVACY_ID)).toBeUndefined();
    } finally {
      fetchStub.mockRestore();
    }
  });
});
