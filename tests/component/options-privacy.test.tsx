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
  vi.restoreAllMocks();
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

/** Signs the device in to a team server whose preview answers are `answers`, in turn; returns the URLs asked. */
async function serverAnswersPreviews(me: ReturnType<typeof member>, answers: { status: number; body: unknown }[]) {
  await db.local.put({
    key: LOCAL_KEYS.session,
    value: { serverUrl: 'https://tandem.acme.example', token: 'device-token', clientId: `client-${ulid()}`, memberId: me.me.memberId, teamId: me.me.teamId, teamName: 'Acme', deviceName: 'Browser', signedInAt: 1 },
  });
  const urls: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    urls.push(input as string);
    const answer = answers.shift()!;
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } }));
  });
  return urls;
}

const stalePeople = (n: number) => Array.from({ length: n }, (_, i) => ({ id: ulid(), name: `Person ${i}`, lastActivityAt: Date.UTC(2025, 0, 1 + i) }));
const previewOf = (months: number, people: number) => ({ status: 200, body: { months, cutoff: 1, people: stalePeople(people) } });

describe('Options → Privacy', () => {
  it('lets an admin set the four choices, showing the schema’s errors next to their field', async () => {
    const { me, user } = await renderAs('admin');
    await serverAnswersPreviews(me, [previewOf(18, 3)]);
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
    await user.click(screen.getByRole('button', { name: 'Preview who this would erase' }));
    await screen.findByTestId('retention-preview-count');
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
  it('asks the team server who the typed months would erase, lists them all on request, and starts afresh when the months change', async () => {
    const { me, user } = await renderAs('admin');
    const twelve = previewOf(12, 52);
    const urls = await serverAnswersPreviews(me, [twelve, { status: 403, body: { error: 'only an admin previews the team’s retention rule' } }]);
    await user.click(await screen.findByRole('checkbox', { name: 'Erase people with no activity for a while' }));
    const months = screen.getByLabelText('Months without activity');
    await user.clear(months);
    await user.type(months, '12');
    await user.click(screen.getByRole('button', { name: 'Preview who this would erase' }));
    const count = await screen.findByTestId('retention-preview-count');
    expect(count).toHaveAttribute('data-value', '52');
    expect(count).toHaveTextContent('52 people would be erased');
    const list = screen.getByRole('list', { name: 'People retention would erase' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(50);
    expect(screen.getByText(/and 2 more\./)).toBeInTheDocument();
    expect(urls).toEqual(['https://tandem.acme.example/v1/privacy/retention-preview?months=12']);

    // Everyone, not the first 50: the admin decides about each of them.
    await user.click(screen.getByRole('button', { name: 'Show all 52' }));
    expect(within(list).getAllByRole('listitem').map((li) => li.firstChild!.textContent)).toEqual(twelve.body.people.map((p) => p.name));
    expect(screen.queryByText(/more\./)).toBeNull();
    expect(screen.queryByRole('button', { name: /^Show all/ })).toBeNull();
    expect(list).toHaveFocus();

    // Other months: the answer for 12 no longer holds.
    await user.type(months, '0');
    expect(screen.queryByTestId('retention-preview-count')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Preview who this would erase' }));
    expect(await screen.findByText(/Could not preview: .*only an admin previews/)).toBeInTheDocument();
    // A failed preview shows nobody, so Save still waits; and nothing was saved by previewing.
    expect(screen.getByRole('button', { name: 'Save privacy settings' })).toBeDisabled();
    expect(await db.teamPrivacy.get(TEAM_PRIVACY_ID)).toBeUndefined();
  });

  it('lists 50 or fewer without a "Show all" button', async () => {
    const { me, user } = await renderAs('admin');
    await serverAnswersPreviews(me, [previewOf(24, 50)]);
    await user.click(await screen.findByRole('checkbox', { name: 'Erase people with no activity for a while' }));
    await user.click(screen.getByRole('button', { name: 'Preview who this would erase' }));
    await screen.findByTestId('retention-preview-count');
    expect(within(screen.getByRole('list', { name: 'People retention would erase' })).getAllByRole('listitem')).toHaveLength(50);
    expect(screen.queryByRole('button', { name: /^Show all/ })).toBeNull();
  });

  it('holds Save until the preview of exactly the months it would switch on has been shown; switching off needs none', async () => {
    const { me, user } = await renderAs('admin');
    await serverAnswersPreviews(me, [previewOf(24, 2), previewOf(12, 1)]);
    const save = await screen.findByRole('button', { name: 'Save privacy settings' });
    const days = screen.getByLabelText('Privacy notice due within (days)');
    expect(save).toBeEnabled();

    // Switching on at the default 24 months: Save says what it waits for, and Enter in a field saves nothing.
    await user.click(screen.getByRole('checkbox', { name: 'Erase people with no activity for a while' }));
    expect(save).toBeDisabled();
    expect(save).toHaveAccessibleDescription('Preview who 24 months would erase before saving.');
    await user.type(days, '{Enter}');
    expect(await db.teamPrivacy.get(TEAM_PRIVACY_ID)).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Preview who this would erase' }));
    await screen.findByTestId('retention-preview-count');
    expect(save).toBeEnabled();
    expect(save).not.toHaveAccessibleDescription();

    // Other months after the preview: the preview of 24 does not cover 12.
    const months = screen.getByLabelText('Months without activity');
    await user.clear(months);
    await user.type(months, '12');
    expect(save).toBeDisabled();
    expect(save).toHaveAccessibleDescription('Preview who 12 months would erase before saving.');
    await user.click(screen.getByRole('button', { name: 'Preview who this would erase' }));
    await screen.findByTestId('retention-preview-count');
    await user.click(save);
    await screen.findByText('Saved. Your team sees it at the next sync.');
    expect(await db.teamPrivacy.get(TEAM_PRIVACY_ID)).toMatchObject({ retentionMonths: 12 });

    // The saved months kept: other settings save as before, with no preview.
    await user.clear(days);
    await user.type(days, '21');
    expect(save).toBeEnabled();
    await user.click(save);
    await waitFor(async () => expect(await db.teamPrivacy.get(TEAM_PRIVACY_ID)).toMatchObject({ noticeDays: 21, retentionMonths: 12 }));

    // Switching off needs no preview; switching on again does.
    await user.click(screen.getByRole('checkbox', { name: 'Erase people with no activity for a while' }));
    expect(save).toBeEnabled();
    await user.click(save);
    await waitFor(async () => expect(await db.teamPrivacy.get(TEAM_PRIVACY_ID)).toMatchObject({ retentionMonths: null }));
    await user.click(screen.getByRole('checkbox', { name: 'Erase people with no activity for a while' }));
    expect(save).toHaveAccessibleDescription('Preview who 12 months would erase before saving.');
    expect(save).toBeDisabled();
  });
});
